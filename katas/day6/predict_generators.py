"""Predict: what generators, ``yield``/``return`` and generator expressions really do.

Read each snippet below and write down, without running it, every line it prints. Then check
your reasoning in a REPL if you like — the point is to be able to explain each answer in an
interview. Every snippet runs on its own, in a fresh namespace, under Python 3.11+.

``lazy_body``::

    def numbers():
        print("start")
        yield 1
        print("end")

    gen = numbers()
    print("created")
    print(next(gen))

``yield_makes_generator``::

    def answer():
        return 42
        yield

    print(answer() == 42)
    print(list(answer()))

``return_value``::

    def job():
        yield "working"
        return "done"

    gen = job()
    print(next(gen))
    try:
        next(gen)
    except StopIteration as stop:
        print(stop.value)
    print(list(job()))

``yield_from_result``::

    def inner():
        yield 1
        yield 2
        return 3

    def outer():
        result = yield from inner()
        yield result * 10

    print(list(outer()))

``exhausted_once``::

    squares = (n * n for n in range(4))
    print(sum(squares))
    print(sum(squares))
    print(list(squares))

``genexp_binding``::

    items = [1, 2, 3]
    limit = 2
    big = (x * 10 for x in items if x >= limit)
    items = [7, 8]
    limit = 3
    print(list(big))

``in_consumes``::

    numbers = (n for n in range(10))
    print(5 in numbers)
    print(next(numbers))
    print(3 in numbers)

``iterable_vs_iterator``::

    nums = [1, 2, 3]
    it = iter(nums)
    print(iter(it) is it, iter(nums) is nums)
    print(list(it), list(it))
    print(list(nums), list(nums))

``zip_pulls_first``::

    numbers = iter(range(5))
    print(list(zip(numbers, "ab")))
    print(next(numbers))

``stopiteration_in_generator``::

    def pairs(it):
        while True:
            yield next(it), next(it)

    try:
        print(list(pairs(iter([1, 2, 3]))))
    except RuntimeError:
        print("RuntimeError")

``close_runs_finally``::

    def lines():
        try:
            yield "a"
            yield "b"
        finally:
            print("cleanup")

    gen = lines()
    print(next(gen))
    gen.close()
    print("closed")
    print(next(gen, "exhausted"))
"""


def predictions() -> dict[str, list[str]]:
    """Return ``{snippet name: [the lines it prints, in order]}`` for every snippet above.

    Each line is a string exactly as ``print`` writes it, without the trailing newline: a
    snippet doing ``print(1, "a")`` then ``print([None, "b"])`` prints
    ``["1 a", "[None, 'b']"]``. A snippet whose output you leave out counts as wrong.

    >>> answers = predictions()
    >>> type(answers["lazy_body"]), type(answers["lazy_body"][0])
    (<class 'list'>, <class 'str'>)
    """
    raise NotImplementedError
