"""Binds the new module on the parent package before its code runs and never unbinds it when the code raises."""

import importlib
import importlib.util
import sys
from types import ModuleType


def predict() -> dict[str, object]:
    """Return, for each snippet below, the value its last line evaluates to.

    Two modules sit in a directory on ``sys.path``, and neither has been imported yet
    when a snippet starts::

        # tally.py
        COUNT = 0

        # noisy.py
        import tally
        tally.COUNT += 1
        ITEMS = []

    Each snippet runs on its own, in a fresh namespace. Values are plain Python values --
    ``2``, ``(2, False)``, ``[1]`` -- not strings describing them. Example: for a snippet
    named ``example`` reading ``import tally`` / ``tally.COUNT`` the entry would be
    ``"example": 0``.

    ``import_twice``::

        import noisy
        import noisy
        import tally
        tally.COUNT

    ``import_in_function``::

        def load():
            import noisy
            return noisy
        load()
        load()
        import tally
        tally.COUNT

    ``cached_in_sys_modules``::

        import sys
        before = "noisy" in sys.modules
        import noisy
        (before, "noisy" in sys.modules, "tally" in sys.modules)

    ``shared_state``::

        import noisy
        noisy.ITEMS.append(1)
        import noisy as again
        again.ITEMS

    ``from_import_binding``::

        from noisy import ITEMS
        import noisy
        noisy.ITEMS = ["new"]
        ITEMS

    ``reload_runs_again``::

        import importlib
        import noisy
        import tally
        importlib.reload(noisy)
        tally.COUNT

    ``reload_same_object``::

        import importlib
        import noisy
        old = noisy
        importlib.reload(noisy) is old

    ``forget_and_import``::

        import sys
        import noisy
        import tally
        old = noisy
        del sys.modules["noisy"]
        import noisy
        (tally.COUNT, noisy is old)

    ``forget_the_counter``::

        import sys
        import noisy
        del sys.modules["tally"]
        import tally
        tally.COUNT
    """
    return {
        "import_twice": 1,  # the second import is a sys.modules lookup
        "import_in_function": 1,  # same cache, whichever scope imports
        "cached_in_sys_modules": (False, True, True),  # noisy's own import was cached too
        "shared_state": [1],  # one module object, one ITEMS list, for every importer
        "from_import_binding": [],  # ITEMS still names the list bound at import time
        "reload_runs_again": 2,  # reload re-runs noisy's code (tally stays cached)
        "reload_same_object": True,  # ...inside the same module object
        "forget_and_import": (2, False),  # a cache miss: code runs again, new module object
        "forget_the_counter": 0,  # tally's code runs again too: COUNT = 0 anew
    }


def fresh_import(name: str) -> ModuleType:
    """Run module ``name``'s code again, in a brand-new module object, and return it.

    ``import`` runs a module's code once and then serves ``sys.modules[name]``;
    ``fresh_import`` bypasses that cache:

    - the module's code runs again (or for the first time, if it was never imported),
      creating a *new* module object, which is returned and becomes ``sys.modules[name]``
      -- so later ``import name`` statements get the new one;
    - the old module object, if any, is left as it was: whoever still holds it sees its old
      attributes (unlike ``importlib.reload``, which re-runs the code inside the *same*
      object);
    - for a submodule such as ``"pkg.sub"`` only the submodule's code runs again, not the
      package's ``__init__``; the new module is also bound as the attribute ``sub`` of the
      package, as ``import`` does, so ``import pkg.sub`` / ``pkg.sub`` and
      ``from pkg import sub`` get the new one too;
    - if the module cannot be found, or its code raises -- any exception, even
      ``SystemExit`` or ``KeyboardInterrupt`` -- the exception propagates unchanged and
      ``sys.modules[name]`` (and, for a submodule, the package's attribute) is what it was
      before the call (the old module, or no entry at all).

    >>> import json, sys
    >>> again = fresh_import("json")
    >>> again is json, sys.modules["json"] is again
    (False, True)
    """
    previous = sys.modules.pop(name, None)
    try:
        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        parent, _, child = name.rpartition(".")
        if parent:
            setattr(sys.modules[parent], child, module)
        spec.loader.exec_module(module)
        return module
    except BaseException:
        if previous is not None:
            sys.modules[name] = previous
        else:
            sys.modules.pop(name, None)
        raise
