"""Type cases for day12.validation: the validated fields keep the types the spec declares."""

from typing import assert_type

from day12.validation import Signup, error_map
from pydantic import SecretStr, ValidationError


def fields(signup: Signup) -> None:
    assert_type(signup.username, str)
    assert_type(signup.email, str)
    assert_type(signup.password, SecretStr)
    assert_type(signup.age, int | None)
    assert_type(signup.tags, list[str])
    assert_type(signup.newsletter_opt_in, bool)
    _shown: str = signup.password  # type: ignore[assignment]


def errors(error: ValidationError) -> None:
    assert_type(error_map(error), dict[str, list[str]])
