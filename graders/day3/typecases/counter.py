"""Type cases for day3.counter: the three functions are typed."""

from typing import assert_type

from day3.counter import Counter, make_counter

counter = make_counter(start=5, step=-1)
assert_type(counter, Counter)
assert_type(counter.increment(), int)
assert_type(counter.read(), int)
assert_type(counter.reset(), None)
make_counter(step=0.5)  # type: ignore[arg-type]
counter.increment(2)  # type: ignore[call-arg]
