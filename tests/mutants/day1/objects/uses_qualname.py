"""Lists each type's __qualname__ instead of its __name__."""


def predict() -> dict[str, object]:
    """Return, for each snippet below, the value its last line evaluates to.

    Keys are the snippet names. Values are plain Python values -- ``True``, ``4``,
    ``'type'`` -- not strings describing them (unless the value is itself a string).
    Each snippet runs on its own, in a fresh namespace. Example: for a snippet named
    ``example`` reading ``type(3).__name__`` the entry would be ``"example": "int"``.

    ``type_of_type``::

        type(type).__name__

    ``type_of_object``::

        type(object).__name__

    ``class_is_instance``::

        isinstance(int, object)

    ``object_is_instance``::

        isinstance(object, type)

    ``builtin_type``::

        type(len).__name__

    ``function_type``::

        def greet():
            return "hi"
        type(greet).__name__

    ``function_attribute``::

        def greet():
            return "hi"
        greet.calls = 3
        greet.calls + len(greet())

    ``bound_method``::

        shout = "abc".upper
        shout()

    ``int_method``::

        (10).bit_length()

    ``bool_arithmetic``::

        True + True

    ``class_attribute_later``::

        class Point:
            pass
        p = Point()
        Point.dims = 2
        p.dims

    ``module_type``::

        import math
        type(math).__name__
    """
    return {
        "type_of_type": "type",  # type is its own type: the chain stops here
        "type_of_object": "type",  # object is a class, and classes are instances of type
        "class_is_instance": True,  # int is a class, and a class is an object
        "object_is_instance": True,  # object is an instance of type, type subclasses object
        "builtin_type": "builtin_function_or_method",  # C functions have their own type
        "function_type": "function",
        "function_attribute": 5,  # functions carry a __dict__: any attribute can be set
        "bound_method": "ABC",  # "abc".upper is an object too: a method bound to "abc"
        "int_method": 4,  # 10 == 0b1010; literals are objects with methods
        "bool_arithmetic": 2,  # bool is a subclass of int: True == 1
        "class_attribute_later": 2,  # lookup falls back to the class at access time
        "module_type": "module",  # a module is an object; `import` binds a name to it
    }


def type_chain(obj: object) -> list[str]:
    """Follow ``type()`` from ``obj`` until it stops changing; return the ``__name__``s seen.

    Start with ``type(obj)``, then the type of that, and so on, stopping at the first type
    that is its own type (in practice ``type``), which is listed once. Follow ``type()``
    itself, not the ``__class__`` attribute: an object can fake ``__class__`` (mocks do),
    ``type()`` cannot be fooled.

    >>> type_chain(3)
    ['int', 'type']
    >>> type_chain(int)        # int is an object too; its type is type
    ['type']
    >>> class Meta(type): ...
    >>> class Model(metaclass=Meta): ...
    >>> type_chain(Model())
    ['Model', 'Meta', 'type']
    """
    current = type(obj)
    names = [current.__qualname__]
    while (parent := type(current)) is not current:
        current = parent
        names.append(current.__qualname__)
    return names
