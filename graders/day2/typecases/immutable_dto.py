"""Type cases: UserDTO's fields are typed and read-only for mypy (frozen=True)."""

from typing import assert_type
from uuid import UUID

from day2.immutable_dto import UserDTO

dto = UserDTO("ann", "ann@example.com", frozenset({"dev"}), UUID(int=1))
assert_type(dto.username, str)
assert_type(dto.email, str)
assert_type(dto.roles, frozenset[str])
assert_type(dto.id, UUID)
assert_type(UserDTO.from_dict({"username": "ann", "email": "ann@example.com"}), UserDTO)
assert_type(dto.with_role("admin"), UserDTO)

dto.email = "eve@example.com"  # type: ignore[misc]
dto.roles = frozenset()  # type: ignore[misc]
dto.roles.add("admin")  # type: ignore[attr-defined]
UserDTO("ann", "ann@example.com", ["admin"], UUID(int=1))  # type: ignore[arg-type]
UserDTO("ann", "ann@example.com", frozenset(), str(UUID(int=1)))  # type: ignore[arg-type]
