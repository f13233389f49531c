"""Validation with pydantic v2: a signup form that normalises, refuses and never shows secrets.

Write the model ``Signup`` (a ``pydantic.BaseModel``) and the helper ``error_map``. Keep the
field names and types declared below; add the constraints, validators and configuration.

Fields (JSON uses camelCase: ``newsletter_opt_in`` is sent as ``newsletterOptIn``):

=====================  =========================================================================
``username: str``      required. Leading and trailing whitespace (spaces, tabs, newlines,
                       no-break and other Unicode spaces) is removed; what is left must be
                       3–20 characters long, each an ASCII letter, digit or ``_``; it is stored
                       lowercased (``"  Alice_1 "`` -> ``"alice_1"``).
``email: str``         required. Surrounding whitespace removed, then it must match
                       ``[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+`` as a whole
                       (``ann@mail.example.org``); stored lowercased.
``password: SecretStr``  required. At least 12 characters (not stripped, counted in characters),
                       containing at least one ASCII letter and one ASCII digit.
``age: int | None``    optional, default ``None``. Strict: only a real integer (a JSON number
                       without a fraction) from 13 to 130. ``True``/``False``, ``42.0``,
                       ``12.5``, NaN and the string ``"42"`` are all refused. ``None`` is fine.
``tags: list[str]``    optional, default ``[]``. Each tag is stripped and lowercased and must be
                       1–20 characters long after stripping; duplicates (after that
                       normalisation) are dropped, the first occurrence keeping its place
                       (``[" Py", "py", "Web"]`` -> ``["py", "web"]``); at most 5 tags remain.
``newsletter_opt_in: bool``  optional, default ``False``. Strict: only ``true``/``false``
                       (``1``, ``"yes"``, ``"true"`` are refused).
=====================  =========================================================================

The model as a whole: the password, lowercased, must not contain the (stored, lowercased)
username — checked only once every field is valid. Keys other than the fields are refused.
Each field can be given under its camelCase alias or its Python name.

Errors are pydantic's own ``ValidationError``, every problem of every field reported at once.
The graders read each error's ``loc`` and ``type``, never its wording:

=======================================================  =========================  ==============
problem                                                  ``loc``                    ``type``
=======================================================  =========================  ==============
required field missing                                   ``("username",)``          ``missing``
unknown key ``"isAdmin"``                                ``("isAdmin",)``           ``extra_forbidden``
username/email/tag not a string                          ``("username",)``          ``string_type``
username shorter than 3 / longer than 20 (stripped)      ``("username",)``          ``string_too_short`` / ``string_too_long``
username of the right length with another character      ``("username",)``          ``string_pattern_mismatch``
email not matching                                       ``("email",)``             ``string_pattern_mismatch``
password shorter than 12                                 ``("password",)``          ``too_short``
password without an ASCII letter or without a digit      ``("password",)``          ``value_error``
age not a strict int                                     ``("age",)``               ``int_type``
age below 13 / above 130                                 ``("age",)``               ``greater_than_equal`` / ``less_than_equal``
tags not a list                                          ``("tags",)``              ``list_type``
tag number ``i`` empty / longer than 20 (stripped)       ``("tags", i)``            ``string_too_short`` / ``string_too_long``
more than 5 tags after removing duplicates               ``("tags",)``              ``too_long``
newsletterOptIn not a strict bool                        ``("newsletterOptIn",)``   ``bool_type``
password contains the username                           ``()``                     ``value_error``
=======================================================  =========================  ==============

A field has at most one error: a username is checked for length first, then for its
characters; a too short password is not also checked for letters and digits; the number of
tags is checked only once every tag is valid. ``loc`` names the key as it was sent
(``("newsletterOptIn",)`` for the alias, ``("newsletter_opt_in",)`` for the Python name).

Secrets stay secret: the password is a ``SecretStr`` (``signup.password.get_secret_value()``
gives it back); it never appears in ``repr(signup)``, ``str(signup)`` or
``signup.model_dump_json()`` — nor in ``str(error)`` of a ``ValidationError`` raised for any
input (pydantic prints inputs there unless told not to). ``signup.model_dump(by_alias=True)``
has the camelCase keys.

Example::

    >>> signup = Signup.model_validate_json(
    ...     '{"username": " Alice_1 ", "email": "Ann@Mail.Example.org", '
    ...     '"password": "correct horse 42", "tags": ["Py", "py ", "web"], "newsletterOptIn": true}'
    ... )
    >>> signup.username, signup.email, signup.tags, signup.newsletter_opt_in, signup.age
    ('alice_1', 'ann@mail.example.org', ['py', 'web'], True, None)
    >>> signup.password
    SecretStr('**********')
    >>> try:
    ...     Signup.model_validate({"username": "al", "email": "ann@mail.org", "password": "p", "age": True})
    ... except ValidationError as error:
    ...     print(error_map(error))
    {'username': ['String should have at least 3 characters'], 'password': ['Value should have at least 12 items after validation, not 1'], 'age': ['Input should be a valid integer']}
"""

from __future__ import annotations

import re
from typing import Annotated, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    StringConstraints,
    ValidationError,
    model_validator,
)
from pydantic.alias_generators import to_camel

# pydantic checks ``pattern`` before ``to_lower``: the patterns accept both cases.
Username = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, to_lower=True, min_length=3, max_length=20, pattern=r"^[A-Za-z0-9_]+$"
    ),
]
Email = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True,
        to_lower=True,
        pattern=r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$",
    ),
]
Tag = Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, min_length=1, max_length=20)]

_LETTER = re.compile(r"[A-Za-z]")
_DIGIT = re.compile(r"[0-9]")


def _letter_and_digit(password: SecretStr) -> SecretStr:
    secret = password.get_secret_value()
    if not (_LETTER.search(secret) and _DIGIT.search(secret)):
        raise ValueError("the password needs at least one letter and one digit")
    return password


def _unique(tags: list[str]) -> list[str]:
    return list(dict.fromkeys(tags))


class Signup(BaseModel):
    """A signup form: see the module docstring for every field's rule and error."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        extra="forbid",
        hide_input_in_errors=True,
    )

    username: Username
    email: Email
    password: Annotated[SecretStr, Field(min_length=12), AfterValidator(_letter_and_digit)]
    age: Annotated[int, Field(strict=True, ge=13, le=130)] | None = None
    # The length limit comes after the de-duplication, so it counts the tags that remain.
    tags: Annotated[list[Tag], AfterValidator(_unique), Field(max_length=5)] = []
    newsletter_opt_in: Annotated[bool, Field(strict=True)] = False

    @model_validator(mode="after")
    def _password_without_username(self) -> Self:
        if self.username in self.password.get_secret_value().lower():
            raise ValueError("the password must not contain the username")
        return self


def error_map(error: ValidationError) -> dict[str, list[str]]:
    """The errors of ``error`` as ``{"dotted.loc": [message, ...]}``, for an API response.

    The key is the error's ``loc`` joined with dots (list indexes as decimal numbers:
    ``("tags", 2)`` -> ``"tags.2"``); a model-level error, whose ``loc`` is ``()``, goes under
    ``"__all__"``. The messages are the errors' ``msg``, in the order ``error.errors()`` gives
    them; keys appear in the order of their first error. Works for any model's error.

    >>> from pydantic import BaseModel, Field
    >>> class Order(BaseModel):
    ...     qty: int = Field(gt=0)
    ...     items: list[int]
    >>> try:
    ...     Order.model_validate({"qty": 0, "items": [1, "x"]})
    ... except ValidationError as error:
    ...     error_map(error)
    {'qty': ['Input should be greater than 0'], 'items.1': ['Input should be a valid integer, unable to parse string as an integer']}
    """
    errors: dict[str, list[str]] = {}
    for detail in error.errors():
        key = ".".join(str(part) for part in detail["loc"]) or "__all__"
        errors.setdefault(key, []).append(detail["msg"])
    return errors
