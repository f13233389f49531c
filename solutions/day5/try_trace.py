'''Predict: which clauses of ``try / except / else / finally`` run, in which order?

Each entry of :data:`SNIPPETS` is the source of a function ``snippet(log)``. The grader runs
every snippet with a fresh empty list ``log`` and records:

* ``steps``: what is in ``log`` when the call is over, in order;
* how the call ended: the value it returned, or the class of the exception that escaped it.

Your task: fill in :func:`predict` with your prediction for each snippet, **without running
them** — reason it out, then let the grader tell you. Do not edit :data:`SNIPPETS`.

The snippets cover every outcome of the ``try`` body (it completes, it raises something that is
handled, it raises something that is not, it returns) and what ``else`` and ``finally`` do
with each, including a ``return`` inside ``finally``.
'''

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class Outcome:
    """How one call ``snippet(log)`` went.

    ``steps`` is the final content of ``log``. Exactly one of ``returns`` (the returned string)
    and ``raises`` (the class of the escaping exception) is set; the other stays ``None``.

    >>> Outcome(steps=("try", "finally"), returns="done")
    Outcome(steps=('try', 'finally'), returns='done', raises=None)
    >>> Outcome(steps=("try",), raises=KeyError)
    Outcome(steps=('try',), returns=None, raises=<class 'KeyError'>)
    """

    steps: tuple[str, ...]
    returns: str | None = None
    raises: type[BaseException] | None = None


SNIPPETS: Final[dict[str, str]] = {
    "completes": """
def snippet(log):
    try:
        log.append("try")
    except ValueError:
        log.append("except")
    else:
        log.append("else")
    finally:
        log.append("finally")
    log.append("after")
    return "end"
""",
    "handled": """
def snippet(log):
    try:
        log.append("try")
        raise ValueError("bad input")
        log.append("rest of try")
    except ValueError:
        log.append("except")
    else:
        log.append("else")
    finally:
        log.append("finally")
    log.append("after")
    return "end"
""",
    "not_handled": """
def snippet(log):
    try:
        log.append("try")
        raise KeyError("missing")
    except ValueError:
        log.append("except")
    else:
        log.append("else")
    finally:
        log.append("finally")
    log.append("after")
    return "end"
""",
    "return_in_try": """
def snippet(log):
    try:
        log.append("try")
        return "from try"
    except ValueError:
        log.append("except")
    else:
        log.append("else")
    finally:
        log.append("finally")
    log.append("after")
    return "end"
""",
    "raise_in_else": """
def snippet(log):
    try:
        log.append("try")
    except ValueError:
        log.append("except")
    else:
        log.append("else")
        raise ValueError("raised in else")
    finally:
        log.append("finally")
    log.append("after")
    return "end"
""",
    "raise_in_except": """
def snippet(log):
    try:
        log.append("try")
        raise ValueError("bad input")
    except ValueError:
        log.append("except")
        raise LookupError("raised while handling")
    except LookupError:
        log.append("second except")
    finally:
        log.append("finally")
    log.append("after")
    return "end"
""",
    "return_value_first": """
def snippet(log):
    def value(text):
        log.append(text)
        return text

    try:
        return value("return expression")
    finally:
        log.append("finally")
""",
    "return_in_finally": """
def snippet(log):
    try:
        log.append("try")
        return "from try"
    finally:
        log.append("finally")
        return "from finally"
""",
    "finally_return_swallows": """
def snippet(log):
    try:
        log.append("try")
        raise KeyError("missing")
    finally:
        log.append("finally")
        return "from finally"
""",
    "nested": """
def snippet(log):
    try:
        try:
            log.append("inner try")
            raise ValueError("bad input")
        except KeyError:
            log.append("inner except")
        finally:
            log.append("inner finally")
        log.append("after inner")
    except ValueError:
        log.append("outer except")
    finally:
        log.append("outer finally")
    return "end"
""",
}
"""Snippet name -> source of ``def snippet(log)``. The grader runs its own copy of these."""


def predict() -> dict[str, Outcome]:
    """Return your predicted :class:`Outcome` for every name in :data:`SNIPPETS`.

    For example, for a snippet (not one of the above)::

        def snippet(log):
            try:
                log.append("try")
                return "early"
            finally:
                log.append("cleanup")

    the prediction would be ``Outcome(steps=("try", "cleanup"), returns="early")``.

    >>> sorted(predict()) == sorted(SNIPPETS)
    True
    """
    return {
        # No exception: else runs, then finally, then the code after the statement.
        "completes": Outcome(("try", "else", "finally", "after"), returns="end"),
        # A handled exception: the rest of try and else are skipped; finally still runs.
        "handled": Outcome(("try", "except", "finally", "after"), returns="end"),
        # No matching except: finally runs on the way out and the exception keeps going.
        "not_handled": Outcome(("try", "finally"), raises=KeyError),
        # else runs only when try *completes*; a return leaves through finally alone.
        "return_in_try": Outcome(("try", "finally"), returns="from try"),
        # The except clauses guard the try body only, not else.
        "raise_in_else": Outcome(("try", "else", "finally"), raises=ValueError),
        # Nor do they guard each other: an exception raised in one except clause is not
        # offered to its sibling clauses (it carries the first one as __context__).
        "raise_in_except": Outcome(("try", "except", "finally"), raises=LookupError),
        # The return expression is evaluated first; finally runs before the function returns.
        "return_value_first": Outcome(
            ("return expression", "finally"), returns="return expression"
        ),
        # A return in finally replaces the pending return value...
        "return_in_finally": Outcome(("try", "finally"), returns="from finally"),
        # ...and silently discards a pending exception (which is why linters flag it).
        "finally_return_swallows": Outcome(("try", "finally"), returns="from finally"),
        # The inner finally runs before the exception reaches the outer handler.
        "nested": Outcome(
            ("inner try", "inner finally", "outer except", "outer finally"), returns="end"
        ),
    }
