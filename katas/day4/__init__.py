"""Day 4 — OOP in Python.

Six small object models that an interviewer can poke at: a playlist whose class and instance
attributes must not get mixed up, immutable ``float``/``str`` subclasses that only ``__new__``
can build, a cooperative diamond that records its own method resolution order (plus C3
linearisation by hand), a timestamp mixin that cooperates through ``super()``, a slotted
vector, and an immutable ``Money`` whose dunder methods agree with each other.
"""
