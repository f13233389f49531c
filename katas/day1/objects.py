"""Everything is an object: numbers, functions, classes, modules and ``None`` alike.

Every value in Python has a type (``type(x)``), an identity and attributes -- including the
things other languages keep outside the object world: a function is an object you can hang
attributes on, a class is an object whose type is (usually) ``type``, and ``type`` is an
object whose type is ``type`` itself.

Part 1 -- ``predict()``: write down what each snippet evaluates to, *before* you run it.
Part 2 -- ``type_chain()``: follow ``type()`` from any object up to its fixed point.
"""


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
    raise NotImplementedError


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
    raise NotImplementedError
