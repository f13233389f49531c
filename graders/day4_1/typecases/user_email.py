"""Type cases for day4_1.user_email: read-only value object and entity, Email never a str."""

from typing import assert_type
from uuid import UUID

from day4_1.user_email import Email, Event, User

email = Email("ann@example.com")
user = User.register(UUID(int=1), email)
assert_type(email.value, str)
assert_type(email.domain, str)
assert_type(user, User)
assert_type(user.id, UUID)
assert_type(user.email, Email)
assert_type(user.active, bool)
assert_type(user.pull_events(), list[Event])
email.value = "bob@example.com"  # type: ignore[misc]
user.id = UUID(int=2)  # type: ignore[misc]
user.email = Email("bob@example.com")  # type: ignore[misc]
User(UUID(int=3), "ann@example.com")  # type: ignore[arg-type]
user.change_email("bob@example.com")  # type: ignore[arg-type]
User("user-1", email)  # type: ignore[arg-type]
