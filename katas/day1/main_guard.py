"""``if __name__ == "__main__"``: one module, both a library and a program.

Importing a module runs its code. While it runs, the global ``__name__`` holds the
module's import name (``"day1.main_guard"``) -- unless the module was started as the
program (``python -m day1.main_guard``), in which case it is ``"__main__"``. Testing that
name at the bottom of the module is how one file can be imported without side effects
*and* be run as a command.

Your job has two parts. Write ``main()`` below. Then make the module runnable:

- ``python -m day1.main_guard 1 2 3`` prints ``6`` and exits with status ``0``; in general
  the process's exit status is ``main()``'s return value;
- ``import day1.main_guard`` (and ``from day1.main_guard import main``) runs nothing and
  prints nothing.
"""


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
    raise NotImplementedError
