"""Believes a StopIteration inside a generator just ends it quietly (pre-3.7 behaviour)."""


def predictions() -> dict[str, list[str]]:
    """Return ``{snippet name: [the lines it prints, in order]}`` for every snippet above.

    Each line is a string exactly as ``print`` writes it, without the trailing newline: a
    snippet doing ``print(1, "a")`` then ``print([None, "b"])`` prints
    ``["1 a", "[None, 'b']"]``. A snippet whose output you leave out counts as wrong.

    >>> answers = predictions()
    >>> type(answers["lazy_body"]), type(answers["lazy_body"][0])
    (<class 'list'>, <class 'str'>)
    """
    return {
        # Calling a generator function only builds the generator; the body starts at next().
        "lazy_body": ["created", "start", "1"],
        # The unreachable `yield` still makes answer() a generator function: answer() is a
        # generator (not 42), and `return 42` just ends it before anything is yielded.
        "yield_makes_generator": ["False", "[]"],
        # The return value rides on StopIteration.value; list() swallows StopIteration whole.
        "return_value": ["working", "done", "['working']"],
        # `yield from inner()` re-yields 1 and 2, then evaluates to inner's return value 3.
        "yield_from_result": ["[1, 2, 30]"],
        # The first sum() exhausts the generator; afterwards it yields nothing.
        "exhausted_once": ["14", "0", "[]"],
        # `items` was evaluated when the genexp was created ([1, 2, 3]); `limit` is looked up
        # while consuming, when it is already 3.
        "genexp_binding": ["[30]"],
        # `5 in numbers` consumes 0..5; next() continues with 6; 3 was already consumed.
        "in_consumes": ["True", "6", "False"],
        # An iterator is its own iterator (one position, used up by the first list()); a list
        # hands out a fresh iterator every time.
        "iterable_vs_iterator": ["True False", "[1, 2, 3] []", "[1, 2, 3] [1, 2, 3]"],
        # zip takes 2 from `numbers` before it learns "ab" is done, so 2 is lost; next is 3.
        "zip_pulls_first": ["[(0, 'a'), (1, 'b')]", "3"],
        # next(it) raises StopIteration inside the body; Python turns it into RuntimeError.
        "stopiteration_in_generator": ["[(1, 2)]"],
        # close() raises GeneratorExit at `yield "a"`, so `finally` prints before "closed".
        "close_runs_finally": ["a", "cleanup", "closed", "exhausted"],
    }
