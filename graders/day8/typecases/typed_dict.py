"""Type cases for day8.typed_dict: results are UserPayloads, patches have no id."""

from typing import assert_type

from day8.typed_dict import UserPatch, UserPayload, merge_patch, parse_user

raw: object = {"id": 1, "name": "Ann"}

# parse_user(): object in, UserPayload out — mypy knows the keys and their types.
user = parse_user(raw)
assert_type(user, UserPayload)
assert_type(user["id"], int)
assert_type(user["name"], str)
assert_type(user.get("email"), str | None)
assert_type(user.get("tags", []), list[str])
user["nmae"]  # type: ignore[typeddict-item]
user["id"] + "1"  # type: ignore[operator]

# merge_patch(): UserPayload and UserPatch in, UserPayload out.
assert_type(merge_patch(user, {"email": None}), UserPayload)
assert_type(merge_patch(user, {})["name"], str)
merge_patch(user, {"name": "Bob", "tags": ["x"]})
merge_patch(user, {"id": 2})  # type: ignore[typeddict-unknown-key]
merge_patch(user, {"name": None})  # type: ignore[typeddict-item]
merge_patch({"id": 1}, {})  # type: ignore[typeddict-item]

# The shapes themselves: absent is not None.
ok: UserPayload = {"id": 1, "name": "Ann", "tags": []}
no_email: UserPayload = {"id": 1, "name": "Ann", "email": None}  # type: ignore[typeddict-item]
remove_email: UserPatch = {"email": None}
