"""Type cases for day8.repository: structural conformance, checked where a repository is passed."""

from dataclasses import dataclass
from typing import assert_type

from day8.repository import InMemoryRepository, Repository, User, UserService


class DictUsers:
    """Conforms to Repository[User] without inheriting from it."""

    def __init__(self) -> None:
        self.rows: dict[int, User] = {}

    def get(self, entity_id: int) -> User | None:
        return self.rows.get(entity_id)

    def save(self, entity: User) -> None:
        self.rows[entity.id] = entity

    def delete(self, entity_id: int) -> bool:
        return self.rows.pop(entity_id, None) is not None

    def list_all(self) -> list[User]:
        return sorted(self.rows.values(), key=lambda user: user.id)


class StrKeyedUsers:
    """Looks like a repository, but get() takes a str id: the signature does not fit."""

    def get(self, entity_id: str) -> User | None:
        return None

    def save(self, entity: User) -> None:
        pass

    def delete(self, entity_id: int) -> bool:
        return False

    def list_all(self) -> list[User]:
        return []


class NoDeleteUsers:
    """Has three of the four methods."""

    def get(self, entity_id: int) -> User | None:
        return None

    def save(self, entity: User) -> None:
        pass

    def list_all(self) -> list[User]:
        return []


@dataclass(frozen=True)
class Order:
    id: int
    total_cents: int


# A structural match is a repository; a near miss is not.
UserService(DictUsers())
UserService(StrKeyedUsers())  # type: ignore[arg-type]
UserService(NoDeleteUsers())  # type: ignore[arg-type]
as_protocol: Repository[User] = DictUsers()

# InMemoryRepository is generic: it hands back the type it stores.
users = InMemoryRepository[User]()
assert_type(users.get(1), User | None)
assert_type(users.list_all(), list[User])
assert_type(users.delete(1), bool)
users_repo: Repository[User] = users
UserService(users)

orders = InMemoryRepository[Order]()
assert_type(orders.get(1), Order | None)
orders.save(User(1, "a@example.com", "A"))  # type: ignore[arg-type]
UserService(orders)  # type: ignore[arg-type]
InMemoryRepository[str]()  # type: ignore[type-var]

# The service's own types.
service = UserService(users)
assert_type(service.register("a@example.com", "Ann"), User)
assert_type(service.get(1), User)
assert_type(service.find_by_email("a@example.com"), User | None)
assert_type(service.deactivate(1), User)
assert_type(service.active_users(), list[User])
service.get("1")  # type: ignore[arg-type]
