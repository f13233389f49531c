"""Type cases for day3.lambdas: the converters are typed, which no lambda can be."""

from collections.abc import Callable
from typing import assert_type

from day3.lambdas import converters, parse_flag, parse_hosts, parse_port

assert_type(parse_port("8080"), int)
assert_type(parse_flag("yes"), bool)
assert_type(parse_hosts("a,b"), list[str])
assert_type(converters(), dict[str, Callable[[str], object]])
port: int = parse_port(" 80 ")
parse_port(8080)  # type: ignore[arg-type]
parse_flag(True)  # type: ignore[arg-type]
parse_hosts(["a", "b"])  # type: ignore[arg-type]
hosts: str = parse_hosts("a")  # type: ignore[assignment]
flag: str = parse_flag("on")  # type: ignore[assignment]
