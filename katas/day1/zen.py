"""Zen of Python (PEP 20): read the aphorisms, then write code that obeys two of them.

Part 1 -- ``zen_aphorisms()``. The standard library hides PEP 20 in the module ``this``.
Importing it prints the poem -- but only the first time in a process, because a module's
code runs once -- and its attribute ``this.s`` holds the same text encoded with rot13
(``codecs`` knows that encoding). Return the aphorisms decoded from ``this.s``, without
anything ever reaching stdout: neither importing ``day1.zen`` nor calling
``zen_aphorisms()`` may print, even when that call is the first import of ``this`` in the
process.

Part 2 -- ``parse_flag()``. "Errors should never pass silently" and "In the face of
ambiguity, refuse the temptation to guess": parse a yes/no setting (an environment
variable, a query parameter) from a fixed, documented set of spellings, and reject
everything else loudly instead of guessing what was meant.
"""


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
    raise NotImplementedError


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
    raise NotImplementedError
