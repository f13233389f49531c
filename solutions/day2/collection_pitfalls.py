"""Collection pitfalls: predict what each snippet does, then check yourself.

Every function below shows a short snippet in its docstring. Without running it, work out what
the snippet leaves in the variable ``result``, and make the function return that value, written
as a literal (``[[1, 0], [0, 0]]``, ``(['a'], [])``…). If the snippet raises an exception
instead, return the exception *class* it raises — the exact class, not a base class, and not an
instance or a string: ``KeyError``, not ``LookupError``, ``KeyError()`` or ``"KeyError"``.

The grader runs each snippet on a fresh namespace and compares its outcome with your answer.
Once an answer is right, make sure you can say *why*: these are the interview questions.
"""


def aliased_grid() -> list[list[int]] | type[Exception]:
    """Building a grid by multiplying a list.

    ::

        grid = [[0] * 3] * 2
        grid[0][0] = 1
        result = grid
    """
    # Why: ``* 2`` repeats a reference to the same inner list; build rows with a comprehension.
    return [[1, 0, 0], [1, 0, 0]]


def fromkeys_shared_value() -> dict[str, list[int]] | type[Exception]:
    """``dict.fromkeys`` with a mutable value.

    ::

        scores = dict.fromkeys(["ann", "bob"], [])
        scores["ann"].append(10)
        result = scores
    """
    # Why: the one default list is shared by every key; use ``{k: [] for k in keys}``.
    return {"ann": [10], "bob": [10]}


def augmented_assignment_alias() -> tuple[list[int], list[int], list[int]] | type[Exception]:
    """``+=`` versus ``+`` on a list that has another name.

    ::

        a = [1, 2]
        b = a
        b += [3]
        c = a
        c = c + [4]
        result = (a, b, c)
    """
    # Why: ``+=`` extends the list in place (both names see it); ``c + [4]`` builds a new list.
    return ([1, 2, 3], [1, 2, 3], [1, 2, 3, 4])


def remove_while_iterating() -> list[int] | type[Exception]:
    """Removing items from the list being iterated.

    ::

        numbers = [1, 2, 2, 3, 2, 4]
        for n in numbers:
            if n == 2:
                numbers.remove(n)
        result = numbers
    """
    # Why: the loop's index keeps moving while items shift left, so an item is skipped; build a new
    # list instead.
    return [1, 3, 2, 4]


def delete_while_iterating_dict() -> dict[str, int] | type[Exception]:
    """Deleting keys from the dict being iterated.

    ::

        stock = {"apple": 0, "pear": 3, "plum": 0}
        for name in stock:
            if stock[name] == 0:
                del stock[name]
        result = stock
    """
    # Why: "dictionary changed size during iteration"; iterate over ``list(stock)``.
    return RuntimeError


def shallow_and_deep_copy() -> tuple[list[list[int]], list[list[int]]] | type[Exception]:
    """``list.copy()`` versus ``copy.deepcopy()``.

    ::

        import copy

        original = [[1, 2], [3]]
        shallow = original.copy()
        deep = copy.deepcopy(original)
        shallow[0].append(99)
        shallow.append([4])
        deep[1].append(42)
        result = (original, deep)
    """
    # Why: a shallow copy is a new outer list holding the same inner lists.
    return ([[1, 2, 99], [3]], [[1, 2], [3, 42]])


def tuple_holding_list() -> tuple[list[int], int] | type[Exception]:
    """``+=`` on a list inside a tuple.

    ::

        pair = ([1], 2)
        try:
            pair[0] += [3]
        except TypeError:
            pass
        result = pair
    """
    # Why: the list is extended in place first, then storing it back into the tuple fails.
    return ([1, 3], 2)


def class_attribute_vs_default_factory() -> tuple[list[str], list[str]] | type[Exception]:
    """A list as a class attribute versus ``field(default_factory=list)``.

    ::

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
    """
    # Why: a class attribute is one object shared by all instances; default_factory makes one per
    # instance.
    return (["x"], [])


def mutable_default_field() -> list[str] | type[Exception]:
    """A dataclass field with a list as its default.

    ::

        from dataclasses import dataclass

        @dataclass
        class Order:
            lines: list[str] = []

        result = Order().lines
    """
    # Why: @dataclass refuses unhashable defaults ("use default_factory") when the class is defined.
    return ValueError


def frozen_is_shallow() -> list[str] | type[Exception]:
    """Mutating a list held by a frozen dataclass.

    ::

        from dataclasses import dataclass, field

        @dataclass(frozen=True)
        class Basket:
            items: list[str] = field(default_factory=list)

        basket = Basket()
        basket.items.append("apple")
        result = basket.items
    """
    # Why: frozen=True forbids rebinding fields, not mutating the objects they hold; store a tuple
    # or frozenset.
    return ["apple"]


def slots_new_attribute() -> str | type[Exception]:
    """Setting an undeclared attribute on a ``slots=True`` dataclass.

    ::

        from dataclasses import dataclass

        @dataclass(slots=True)
        class User:
            name: str

        user = User("ann")
        user.nickname = "annie"
        result = user.nickname
    """
    # Why: with __slots__ there is no instance __dict__ to hold new attributes.
    return AttributeError


def unhashable_dataclass() -> int | type[Exception]:
    """Putting instances of a plain ``@dataclass`` in a set.

    ::

        from dataclasses import dataclass

        @dataclass
        class Tag:
            name: str

        result = len({Tag("a"), Tag("a")})
    """
    # Why: @dataclass adds __eq__ and therefore sets __hash__ to None; frozen=True makes it
    # hashable.
    return TypeError
