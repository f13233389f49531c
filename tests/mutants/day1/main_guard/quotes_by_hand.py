"""Quotes the bad argument by hand with f"'{arg}'" instead of repr()."""

import sys


def main(argv: list[str] | None = None) -> int:
    """Print the sum of the integer arguments; return the process exit status.

    ``argv`` is the argument list *without* the program name. ``None`` (the default)
    means ``sys.argv[1:]``, looked up when ``main`` is called; an explicit list -- even an
    empty one -- is used as given, which is how tests call ``main`` without touching
    ``sys.argv``.

    - Every argument is converted with ``int()`` (so ``" 7 "`` and ``"-3"`` are fine). The
      sum is printed to stdout as one line, and ``0`` is returned. No arguments: prints
      ``0``.
    - If any argument is not an integer, nothing is printed to stdout; the single line
      ``error: not an integer: <repr of the argument>`` is printed to stderr, and ``2``
      (the conventional status for bad usage) is returned. When several arguments are
      bad, only the first one (in argument order) is named.

    >>> main(["1", "2", "3"])
    6
    0
    >>> main([])
    0
    0
    >>> main(["1", "two"])  # stderr gets: error: not an integer: 'two'
    2
    >>> main(["x", "2", "y"])  # stderr gets only: error: not an integer: 'x'
    2
    """
    args = sys.argv[1:] if argv is None else argv
    total = 0
    for arg in args:
        try:
            total += int(arg)
        except ValueError:
            print(f"error: not an integer: '{arg}'", file=sys.stderr)
            return 2
    print(total)
    return 0


if __name__ == "__main__":
    sys.exit(main())
