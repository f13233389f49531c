"""Type cases for day8.narrowing: callers get the narrowed types back."""

from typing import assert_type

from day8.narrowing import env_get, only_strings, parse_port, require


def maybe_int() -> int | None:
    return 0


def maybe_names() -> list[str] | None:
    return None


# require(): T | None in, T out — the caller needs no None check afterwards.
assert_type(require(maybe_int(), "retries"), int)
assert_type(require(maybe_names(), "names"), list[str])
require(maybe_int(), "retries") + 1
require(maybe_int(), 42)  # type: ignore[arg-type]

# parse_port(): exactly str | int | None in, int out.
assert_type(parse_port("80"), int)
assert_type(parse_port(None, default=8000), int)
parse_port(80.5)  # type: ignore[arg-type]
parse_port(b"80")  # type: ignore[arg-type]

# only_strings(): a TypeGuard narrows the argument inside the if.
values: list[object] = ["a", 1]
if only_strings(values):
    assert_type(values, list[str])
    ", ".join(values)
", ".join(values)  # type: ignore[arg-type]

# env_get(): overloaded like dict.get.
env: dict[str, str] = {"HOST": "db"}
assert_type(env_get(env, "HOST"), str | None)
assert_type(env_get(env, "HOST", "localhost"), str)
env_get(env, "HOST", "localhost").upper()
env_get(env, "HOST").upper()  # type: ignore[union-attr]
env_get(env, "PORT", 8080)  # type: ignore[call-overload]
