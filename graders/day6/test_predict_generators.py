"""Grader: predict_generators — each snippet is run here and its output compared."""

import contextlib
import io

import pytest

from day6 import predict_generators

# name -> (the rule the snippet shows, the snippet). The kata's docstring lists the same code.
SNIPPETS: dict[str, tuple[str, str]] = {
    "lazy_body": (
        "a generator function's body does not run when it is called, only at the first next()",
        '''\
def numbers():
    print("start")
    yield 1
    print("end")

gen = numbers()
print("created")
print(next(gen))
''',
    ),
    "yield_makes_generator": (
        "a `yield` anywhere in a function makes every call return a generator, even if the "
        "yield is never reached; `return` in a generator only stops it",
        '''\
def answer():
    return 42
    yield

print(answer() == 42)
print(list(answer()))
''',
    ),
    "return_value": (
        "a generator's `return value` is not yielded: it travels in StopIteration.value, and "
        "list() / for ignore it",
        '''\
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
''',
    ),
    "yield_from_result": (
        "`yield from` passes the inner generator's values through and evaluates to its "
        "return value",
        '''\
def inner():
    yield 1
    yield 2
    return 3

def outer():
    result = yield from inner()
    yield result * 10

print(list(outer()))
''',
    ),
    "exhausted_once": (
        "a generator expression is an iterator: single pass, empty once exhausted",
        '''\
squares = (n * n for n in range(4))
print(sum(squares))
print(sum(squares))
print(list(squares))
''',
    ),
    "genexp_binding": (
        "a generator expression evaluates its first `for` iterable at once, but its "
        "conditions and expressions only while it is consumed",
        '''\
items = [1, 2, 3]
limit = 2
big = (x * 10 for x in items if x >= limit)
items = [7, 8]
limit = 3
print(list(big))
''',
    ),
    "in_consumes": (
        "`in` on an iterator consumes it up to and including the match",
        '''\
numbers = (n for n in range(10))
print(5 in numbers)
print(next(numbers))
print(3 in numbers)
''',
    ),
    "iterable_vs_iterator": (
        "iter() of an iterator returns the iterator itself (one shared position); iter() of a "
        "list returns a new iterator each time",
        '''\
nums = [1, 2, 3]
it = iter(nums)
print(iter(it) is it, iter(nums) is nums)
print(list(it), list(it))
print(list(nums), list(nums))
''',
    ),
    "zip_pulls_first": (
        "zip() pulls from its arguments left to right and stops at the first exhausted one, "
        "so the earlier iterators may lose one item",
        '''\
numbers = iter(range(5))
print(list(zip(numbers, "ab")))
print(next(numbers))
''',
    ),
    "stopiteration_in_generator": (
        "a StopIteration escaping a generator's body becomes RuntimeError (PEP 479)",
        '''\
def pairs(it):
    while True:
        yield next(it), next(it)

try:
    print(list(pairs(iter([1, 2, 3]))))
except RuntimeError:
    print("RuntimeError")
''',
    ),
    "close_runs_finally": (
        "close() raises GeneratorExit at the paused yield, so `finally` blocks run; a closed "
        "generator is exhausted",
        '''\
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
''',
    ),
}


def printed_lines(name: str, code: str) -> list[str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, f"<snippet {name}>", "exec"), {"__name__": f"snippet_{name}"})
    return out.getvalue().splitlines()


@pytest.mark.predict
@pytest.mark.parametrize("name", list(SNIPPETS))
def test_prediction(name: str) -> None:
    predictions = predict_generators.predictions()
    rule, code = SNIPPETS[name]
    want = printed_lines(name, code)
    got = predictions.get(name)
    if isinstance(got, tuple):
        got = list(got)
    assert got == want, f"snippet {name!r} — {rule}"
