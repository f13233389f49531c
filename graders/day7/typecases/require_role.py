"""Type cases for day7.require_role: the protected function keeps its signature."""

from typing import assert_type

from day7.require_role import PermissionDenied, User, require_role


@require_role("admin", "billing")
def refund(user: User, order_id: int, *, reason: str = "") -> str:
    return reason


class Orders:
    @require_role("support")
    def cancel(self, user: User, order_id: int) -> bool:
        return True


alice = User("alice", frozenset({"admin", "billing", "support"}))
assert_type(refund(alice, 7, reason="damaged"), str)
assert_type(Orders().cancel(alice, 3), bool)
assert_type(PermissionDenied("refund", "admin").role, str)
assert_type(PermissionDenied("refund", "admin").function, str)
refund(alice, "7")  # type: ignore[arg-type]
refund("alice", 7)  # type: ignore[arg-type]
Orders().cancel(alice)  # type: ignore[call-arg]
require_role("admin", 1)  # type: ignore[arg-type]
