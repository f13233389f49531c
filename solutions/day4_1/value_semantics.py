'''Predict the output: equality vs identity, and what immutability buys you.

``==`` asks "do these two objects stand for the same thing?" — for a value object, the same
value; for an entity, the same identity (id). ``is`` asks "are these the very same object in
memory?". Immutability is what makes sharing a value object safe: nobody can change the
object under your feet, so it can be shared, cached and used as a dict key or set member.

Read each snippet below and write down, *without running it first*, exactly what it prints.
Then check yourself by running it. ``predictions()`` returns a dict mapping each snippet's
name to its complete output: the printed text, lines joined with ``"\\n"``, no trailing
newline (``print(True, 1)`` prints ``"True 1"``).

``value_equality``::

    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Email:
        value: str

    a = Email("ann@example.com")
    b = Email("ann@example.com")
    print(a == b, a is b, len({a, b}))

``entity_identity``::

    class User:
        def __init__(self, user_id, email):
            self.id = user_id
            self.email = email

        def __eq__(self, other):
            if not isinstance(other, User):
                return NotImplemented
            return self.id == other.id

        def __hash__(self):
            return hash(self.id)

    before = User(7, "ann@example.com")
    after = User(7, "ann@new.example")
    print(before == after, before is after, len({before, after}))

``default_identity``::

    class Customer:
        def __init__(self, name):
            self.name = name

    print(Customer("Ann") == Customer("Ann"), Customer("Ann") != Customer("Ann"))

``eq_without_hash``::

    class Email:
        def __init__(self, value):
            self.value = value

        def __eq__(self, other):
            return isinstance(other, Email) and self.value == other.value

    try:
        print(len({Email("a@x.io"), Email("a@x.io")}))
    except TypeError:
        print("TypeError")

``shared_mutable_value``::

    from dataclasses import dataclass

    @dataclass
    class Address:
        city: str

    class Person:
        def __init__(self, name, address):
            self.name = name
            self.address = address

    home = Address("Paris")
    ann = Person("Ann", home)
    bob = Person("Bob", home)
    bob.address.city = "Oslo"
    print(ann.address.city)

``shared_frozen_value``::

    from dataclasses import dataclass, replace

    @dataclass(frozen=True)
    class Address:
        city: str

    class Person:
        def __init__(self, name, address):
            self.name = name
            self.address = address

    home = Address("Paris")
    ann = Person("Ann", home)
    bob = Person("Bob", home)
    bob.address = replace(bob.address, city="Oslo")
    print(ann.address.city, bob.address.city, ann.address is home)

``mutated_set_member``::

    from dataclasses import dataclass

    @dataclass(unsafe_hash=True)
    class Tag:
        name: str

    t = Tag("red")
    tags = {t}
    t.name = "blue"
    print(t in tags, Tag("red") in tags, Tag("blue") in tags, len(tags))
    print([tag.name for tag in tags])
'''

from __future__ import annotations


def predictions() -> dict[str, str]:
    """Return the exact output of every snippet in the module docstring, by snippet name.

    >>> sorted(predictions())[:2]
    ['default_identity', 'entity_identity']
    """
    return {
        # frozen dataclass: == and hash compare the fields; two distinct objects
        "value_equality": "True False 1",
        # entity: equal by id, hash by id, so the set keeps one of them
        "entity_identity": "True False 1",
        # no __eq__: object's default == is identity
        "default_identity": "False True",
        # defining __eq__ sets __hash__ to None: the objects are unhashable
        "eq_without_hash": "TypeError",
        # one shared mutable Address: Bob's change is Ann's change
        "shared_mutable_value": "Oslo",
        # frozen: Bob gets a new Address, Ann's (the original object) is untouched
        "shared_frozen_value": "Paris Oslo True",
        # the set filed t under hash(("red",)); after mutation nothing finds it
        "mutated_set_member": "False False False 1\n['blue']",
    }
