'''The ``with`` statement, by hand.

``run_with(cm, body)`` must do exactly what this does, **without a ``with`` statement**
anywhere in this module (doing its job by hand is the point)::

    with cm as value:
        result = body(value)
    return result          # or None, when the exception was suppressed

That is the protocol of PEP 343, step by step:

1. Look ``__enter__`` and ``__exit__`` up **on the type** of ``cm`` (``type(cm)``), as every
   special method is: an ``__enter__`` stored on the instance is ignored. If the type lacks
   either one, raise ``TypeError`` before calling anything.
2. Call ``__enter__``. If it raises, that exception propagates and ``__exit__`` is *not*
   called: the block was never entered.
3. Call ``body(value)`` with what ``__enter__`` returned.
4. If the body returned, call ``__exit__(None, None, None)`` and return the body's result
   (whatever ``__exit__`` returned is ignored).
5. If the body raised an exception ``exc`` — *any* ``BaseException``, ``KeyboardInterrupt``
   included — call ``__exit__(type(exc), exc, exc.__traceback__)``. This is where the
   **suppression rule** applies: if the value ``__exit__`` returns is *truthy* (``True``, but
   also ``1`` or ``"yes"``), the exception is suppressed and ``run_with`` returns ``None``; if
   it is falsy (``None``, ``False``, ``0``, ``""``), ``exc`` itself propagates (the same object).
6. If ``__exit__`` itself raises, that new exception propagates instead; when it was called
   for ``exc``, the new exception carries ``exc`` as its ``__context__`` — which is what
   Python does by itself when you raise inside an ``except`` block.
'''

from contextlib import AbstractContextManager
from collections.abc import Callable
from typing import TypeVar

V = TypeVar("V")
R = TypeVar("R")


def run_with(cm: AbstractContextManager[V], body: Callable[[V], R]) -> R | None:
    """Run ``body`` inside ``cm`` the way ``with cm as value: body(value)`` would.

    Returns the body's result, or ``None`` when ``__exit__`` suppressed the body's exception.

    >>> class Tag:
    ...     def __init__(self, name: str) -> None:
    ...         self.name = name
    ...     def __enter__(self) -> str:
    ...         print(f"<{self.name}>")
    ...         return self.name
    ...     def __exit__(self, exc_type: object, exc: object, tb: object) -> bool:
    ...         print(f"</{self.name}>")
    ...         return exc_type is KeyError          # suppress KeyError only
    >>> run_with(Tag("p"), lambda name: f"inside {name}")
    <p>
    </p>
    'inside p'
    >>> print(run_with(Tag("p"), lambda name: {}[name]))
    <p>
    </p>
    None
    >>> run_with(Tag("p"), lambda name: int(name))
    Traceback (most recent call last):
    ...
    ValueError: invalid literal for int() with base 10: 'p'
    """
    mgr = type(cm)
    try:
        enter = mgr.__enter__
        exit_ = mgr.__exit__
    except AttributeError:
        raise TypeError(
            f"{mgr.__qualname__!r} object does not support the context manager protocol"
        ) from None
    value = enter(cm)
    try:
        result = body(value)
    except BaseException as exc:
        if not exit_(cm, type(exc), exc, exc.__traceback__):
            raise
        return None
    else:
        exit_(cm, None, None, None)
        return result
