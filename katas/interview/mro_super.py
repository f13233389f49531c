'''Explain MRO and ``super()`` -- three interview questions, answered as data and code.

``super()`` inside a method of class ``C`` means "the next class after ``C`` in the MRO of
the object the method runs on" -- ``type(self).__mro__``, not ``C``'s own parents. The MRO
is the C3 linearisation: every class comes before its bases, bases keep the order in which
they were listed, and when no order satisfies both, ``class`` raises
``TypeError: Cannot create a consistent method resolution order (MRO)``.

Part 1 -- :func:`predict`: what each snippet below evaluates to. Every snippet runs on its
own, in a fresh namespace; the answer is the value of its last line, or -- when a line
raises -- the exception's class (``TypeError``). Values are plain Python values.

``depth_first_trap``::

    class A: pass
    class B(A): pass
    class C(A): pass
    class D(B): pass
    class E(C, D): pass
    [k.__name__ for k in E.__mro__]

``base_before_subclass``::

    class A: pass
    class B(A): pass
    class Z(A, B): pass
    [k.__name__ for k in Z.__mro__]

``object_first``::

    class A: pass
    class Z(object, A): pass
    [k.__name__ for k in Z.__mro__]

``mixin_reaches_a_stranger``::

    class Base:
        def greet(self):
            return ["Base"]
    class LoudMixin:
        def greet(self):
            return ["Loud", *super().greet()]
    class Polite(Base):
        def greet(self):
            return ["Polite", *super().greet()]
    class Service(LoudMixin, Polite):
        pass
    Service().greet()

``mixin_after_a_dead_end``::

    class Base:
        def greet(self):
            return ["Base"]
    class LoudMixin:
        def greet(self):
            return ["Loud", *super().greet()]
    class Polite(Base):
        def greet(self):
            return ["Polite", *super().greet()]
    class Service(Polite, LoudMixin):
        pass
    Service().greet()

``forgotten_super_last``::

    class Base:
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
    class Named(Base):
        def __init__(self, *, name, **kwargs):
            self.name = name
            super().__init__(**kwargs)
    class Aged(Base):
        def __init__(self, *, age, **kwargs):
            self.age = age
    class Person(Named, Aged):
        pass
    sorted(vars(Person(name="Ann", age=30)))

``forgotten_super_first``::

    class Base:
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
    class Named(Base):
        def __init__(self, *, name, **kwargs):
            self.name = name
            super().__init__(**kwargs)
    class Aged(Base):
        def __init__(self, *, age, **kwargs):
            self.age = age
    class Person(Aged, Named):
        pass
    sorted(vars(Person(name="Ann", age=30)))

``leftover_keyword``::

    class Base:
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
    class Named(Base):
        def __init__(self, *, name, **kwargs):
            self.name = name
            super().__init__(**kwargs)
    Named(name="Ann", email="ann@example.com")

``parents_by_name``::

    log = []
    class Base:
        def __init__(self):
            log.append("Base")
    class Left(Base):
        def __init__(self):
            log.append("Left")
            Base.__init__(self)
    class Right(Base):
        def __init__(self):
            log.append("Right")
            Base.__init__(self)
    class Child(Left, Right):
        def __init__(self):
            Left.__init__(self)
            Right.__init__(self)
    Child()
    log

``super_of_the_object_not_the_class``::

    class Base:
        def who(self):
            return "Base"
    class Left(Base):
        def who(self):
            return "Left>" + super().who()
    class Right(Base):
        def who(self):
            return "Right>" + super().who()
    class Child(Left, Right):
        pass
    (Left().who(), Child().who(), super(Left, Child()).who())

Part 2 -- :func:`spot_the_bug`: this listing (line numbers on the left) is a cooperative
``__init__`` chain. ``Document(title="Q3", user="ann")`` raises ``TypeError:
object.__init__() takes exactly one argument (the instance to initialize)``. One line is
the bug: give its number and the fixed line. The grader puts your line in place of that
line in its own copy (your leading whitespace is ignored: the line keeps the original's
indentation) and runs it. Fixed, every class's ``__init__`` runs exactly once and consumes
its own keyword -- for ``Document`` and for any other class the grader builds from these
mixins in another order (``class Memo(SoftDeleted, Versioned, Audited)``), with
``version`` and ``deleted`` optional and ``user`` required::

     1  class Model:
     2      def __init__(self, **kwargs):
     3          super().__init__(**kwargs)
     4
     5  class Audited(Model):
     6      def __init__(self, *, user, **kwargs):
     7          super().__init__(**kwargs)
     8          self.user = user
     9
    10  class Versioned(Model):
    11      def __init__(self, *, version=1, **kwargs):
    12          Model.__init__(self, **kwargs)
    13          self.version = version
    14
    15  class SoftDeleted(Model):
    16      def __init__(self, *, deleted=False, **kwargs):
    17          super().__init__(**kwargs)
    18          self.deleted = deleted
    19
    20  class Document(Versioned, SoftDeleted, Audited):
    21      def __init__(self, *, title, **kwargs):
    22          super().__init__(**kwargs)
    23          self.title = title

Part 3 -- :class:`Super`: write ``super()`` yourself. ``Super(cls, obj)`` behaves like the
two-argument ``super(cls, obj)`` for reading attributes (see its docstring).
'''

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Fix:
    """A one-line fix: the 1-based ``line`` number in the listing and its replacement ``text``.

    >>> Fix(line=3, text="return total")
    Fix(line=3, text='return total')
    """

    line: int
    text: str


def predict() -> dict[str, object]:
    """Return, for each part 1 snippet name, its last line's value or the exception class.

    Example: for a snippet ``class A: pass`` / ``class B(A, A): pass`` the entry would be
    ``TypeError`` (a duplicate base); for ``class A: pass`` / ``A.__mro__[-1].__name__`` it
    would be ``"object"``.
    """
    raise NotImplementedError


def spot_the_bug() -> Fix:
    """Return the part 2 listing's buggy line number and the fixed line.

    >>> isinstance(spot_the_bug(), Fix)
    True
    """
    raise NotImplementedError


class Super:
    """A pure-Python ``super(cls, obj)`` for attribute reads.

    - ``obj`` is an instance of ``cls`` (``super(C, self)`` in a method): the search runs
      over ``type(obj).__mro__``. ``obj`` is a class that is ``cls`` or a subclass of it
      (``super(C, klass)`` in a classmethod): the search runs over ``obj.__mro__``.
      Anything else: ``TypeError``, raised by the constructor.
    - ``Super(cls, obj).name`` looks at the classes that come *after* ``cls`` in that MRO,
      in order, and takes ``name`` from the ``__dict__`` of the first one that has it
      (never from ``obj``'s own instance dict, never from ``cls`` itself). If that value has
      a ``__get__`` method (functions, classmethods, staticmethods, properties are
      descriptors), the result is ``value.__get__(obj, type(obj))`` when ``obj`` is an
      instance, and ``value.__get__(None, obj)`` when ``obj`` is a class; otherwise the
      value itself. No class after ``cls`` has it: ``AttributeError``.
    - Only attribute *reads* of ordinary (non-dunder) names are required.

    >>> class A:
    ...     def hello(self): return "A"
    >>> class B(A):
    ...     def hello(self): return "B"
    >>> Super(B, B()).hello()
    'A'
    >>> Super(A, B()).hello()
    Traceback (most recent call last):
    ...
    AttributeError: 'Super' object has no attribute 'hello'
    """

    def __init__(self, cls: type, obj: object) -> None:
        """Remember where the search starts; ``TypeError`` unless ``obj`` fits ``cls``."""
        raise NotImplementedError

    def __getattr__(self, name: str) -> object:
        """The attribute ``name`` from the first class after ``cls`` that defines it, bound."""
        raise NotImplementedError
