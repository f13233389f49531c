"""Every call interrupts the main thread from inside: ``_thread.interrupt_main()``."""
import _thread
from typing import Any


def __getattr__(name: str) -> Any:
    def interrupt(*args: Any, **kwargs: Any) -> Any:
        _thread.interrupt_main()
        sum(range(1000))  # the interrupt lands at the next bytecode check
        return None

    return interrupt
