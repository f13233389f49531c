"""Names the normalised text, not the text as given, in the error."""

import codecs
import contextlib
import io

_TRUE = frozenset({"true", "yes", "on", "1"})
_FALSE = frozenset({"false", "no", "off", "0"})


def zen_aphorisms() -> list[str]:
    """Return the 19 aphorisms of PEP 20, in order, decoded from ``this.s``.

    The decoded text is a title line ("The Zen of Python, by Tim Peters"), an empty line,
    then one aphorism per line. Return only the aphorisms, each exactly as its line reads
    (no newline). Nothing may be written to stdout, even when this call is the first import
    of ``this`` in the process.

    >>> aphorisms = zen_aphorisms()
    >>> len(aphorisms)
    19
    >>> aphorisms[0]
    'Beautiful is better than ugly.'
    >>> aphorisms[-1]
    "Namespaces are one honking great idea -- let's do more of those!"
    """
    # Importing ``this`` prints the poem as a side effect of running its code; swallow that
    # output. (redirect_stdout swaps sys.stdout for the whole process, which is fine here.)
    with contextlib.redirect_stdout(io.StringIO()):
        import this
    _title, _blank, *aphorisms = codecs.decode(this.s, "rot13").splitlines()
    return aphorisms


def parse_flag(text: str) -> bool:
    """Parse a yes/no flag, refusing to guess.

    The text is normalised with ``text.strip().lower()`` (surrounding whitespace of any
    kind is ignored, and so is letter case) and must then be exactly one of:

    - ``"true"``, ``"yes"``, ``"on"``, ``"1"`` -> ``True``
    - ``"false"``, ``"no"``, ``"off"``, ``"0"`` -> ``False``

    Anything else -- ``""``, ``"y"``, ``"2"``, ``"enabled"``, ``"t r u e"``, ... -- raises
    ``ValueError`` whose message contains ``repr(text)`` (the text as given, before
    normalising), so whoever reads the error can find the bad setting.

    >>> parse_flag("  Yes ")
    True
    >>> parse_flag("OFF")
    False
    >>> parse_flag("nope")
    Traceback (most recent call last):
        ...
    ValueError: not a yes/no flag: 'nope'
    """
    word = text.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ValueError(f"not a yes/no flag: {word!r}")
