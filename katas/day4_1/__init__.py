"""Day 4.1 — Value Objects vs Entities (DDD).

A value object is defined by its value: immutable, equal when its values are equal, hashable,
valid from the moment it exists. An entity is defined by its identity: it changes over its
lifecycle and stays the same entity. Three katas: a ``User`` entity holding an ``Email`` value
object, a short "predict the output" tour of equality, identity and aliasing, and a ``Money``
value object built on ``Decimal`` that never loses or invents a cent.
"""
