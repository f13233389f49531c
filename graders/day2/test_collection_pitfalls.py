"""Grader: collection pitfalls — each snippet is run here and its outcome compared with the
learner's prediction (a value, or the exact exception class)."""

from collections.abc import Callable

import pytest

from day2 import collection_pitfalls

# The snippets exactly as the kata's docstrings show them.
SNIPPETS: dict[str, str] = {
    "aliased_grid": """\
grid = [[0] * 3] * 2
grid[0][0] = 1
result = grid
""",
    "fromkeys_shared_value": """\
scores = dict.fromkeys(["ann", "bob"], [])
scores["ann"].append(10)
result = scores
""",
    "augmented_assignment_alias": """\
a = [1, 2]
b = a
b += [3]
c = a
c = c + [4]
result = (a, b, c)
""",
    "remove_while_iterating": """\
numbers = [1, 2, 2, 3, 2, 4]
for n in numbers:
    if n == 2:
        numbers.remove(n)
result = numbers
""",
    "delete_while_iterating_dict": """\
stock = {"apple": 0, "pear": 3, "plum": 0}
for name in stock:
    if stock[name] == 0:
        del stock[name]
result = stock
""",
    "shallow_and_deep_copy": """\
import copy

original = [[1, 2], [3]]
shallow = original.copy()
deep = copy.deepcopy(original)
shallow[0].append(99)
shallow.append([4])
deep[1].append(42)
result = (original, deep)
""",
    "tuple_holding_list": """\
pair = ([1], 2)
try:
    pair[0] += [3]
except TypeError:
    pass
result = pair
""",
    "class_attribute_vs_default_factory": """\
from dataclasses import dataclass, field

class Bag:
    items: list[str] = []

@dataclass
class Cart:
    items: list[str] = field(default_factory=list)

bag1, bag2 = Bag(), Bag()
bag1.items.append("x")
cart1, cart2 = Cart(), Cart()
cart1.items.append("x")
result = (bag2.items, cart2.items)
""",
    "mutable_default_field": """\
from dataclasses import dataclass

@dataclass
class Order:
    lines: list[str] = []

result = Order().lines
""",
    "frozen_is_shallow": """\
from dataclasses import dataclass, field

@dataclass(frozen=True)
class Basket:
    items: list[str] = field(default_factory=list)

basket = Basket()
basket.items.append("apple")
result = basket.items
""",
    "slots_new_attribute": """\
from dataclasses import dataclass

@dataclass(slots=True)
class User:
    name: str

user = User("ann")
user.nickname = "annie"
result = user.nickname
""",
    "unhashable_dataclass": """\
from dataclasses import dataclass

@dataclass
class Tag:
    name: str

result = len({Tag("a"), Tag("a")})
""",
}


def outcome(name: str) -> object:
    """What the snippet leaves in ``result``, or the class of the exception it raises."""
    namespace: dict[str, object] = {"__name__": f"snippet_{name}"}
    try:
        exec(compile(SNIPPETS[name], f"<{name}>", "exec"), namespace)
    except Exception as exc:
        return type(exc)
    return namespace["result"]


@pytest.mark.predict
@pytest.mark.parametrize("name", list(SNIPPETS))
def test_prediction(name: str) -> None:
    predict: Callable[[], object] = getattr(collection_pitfalls, name)
    got = predict()
    want = outcome(name)
    if isinstance(want, type):
        assert got is want, (
            f"{name}(): the snippet raises {want.__name__}; return that exception class itself"
        )
    else:
        assert got == want, f"{name}(): return the value the snippet leaves in `result`"
        assert type(got) is type(want), (
            f"{name}(): `result` is a {type(want).__name__}, not a {type(got).__name__}"
        )
