"""Declares age without strict=True: True, 42.0 and "42" are coerced to ints."""

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
    age: Annotated[int, Field(ge=13, le=130)] | None = None
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
