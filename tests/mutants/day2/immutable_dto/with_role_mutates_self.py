"""with_role() sidesteps frozen with object.__setattr__ and changes the original."""

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Self
from uuid import UUID, uuid4


@dataclass(frozen=True, slots=True)
class UserDTO:
    username: str
    email: str
    roles: frozenset[str] = frozenset()
    id: UUID = field(default_factory=uuid4)

    def __post_init__(self) -> None:
        if not self.username:
            raise ValueError("username is empty")
        if self.email.count("@") != 1 or self.email.startswith("@") or self.email.endswith("@"):
            raise ValueError(f"email is invalid: {self.email}")

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Self:
        for key in data:
            if key not in ("username", "email", "roles", "id"):
                raise ValueError(f"unknown key {key!r}")
        for key in ("username", "email"):
            if key not in data:
                raise ValueError(f"missing {key}")
            if not isinstance(data[key], str):
                raise ValueError(f"{key} must be a string")
        username, email = str(data["username"]), str(data["email"])
        roles = data.get("roles", [])
        if not isinstance(roles, (list, tuple)) or any(not isinstance(r, str) for r in roles):
            raise ValueError("bad roles")
        if "id" in data:
            raw = data["id"]
            if not isinstance(raw, str):
                raise ValueError("bad id")
            try:
                user_id = UUID(raw)
            except ValueError:
                raise ValueError("bad id") from None
            return cls(username, email, frozenset(roles), user_id)
        return cls(username, email, frozenset(roles))

    def with_role(self, role: str) -> Self:
        object.__setattr__(self, "roles", self.roles | {role})
        return self
