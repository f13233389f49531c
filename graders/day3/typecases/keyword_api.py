"""Type cases for day3.keyword_api: mypy sees the prescribed parameter kinds and types."""

from typing import assert_type

from day3.keyword_api import Request, build_request

assert_type(build_request("GET", "/", timeout=1.0), Request)
assert_type(build_request("GET", "/", b"x", timeout=1, retries=2, headers={"A": "b"}), Request)
build_request("GET", "/", body=None, timeout=0.5)
build_request("GET", "/", "text body", timeout=1.0)  # type: ignore[arg-type]
build_request("GET", "/", timeout="1s")  # type: ignore[arg-type]
build_request("GET", "/", timeout=1.0, retries=1.5)  # type: ignore[arg-type]
build_request("GET", "/")  # type: ignore[call-arg]
build_request("GET", "/", None, 1.0)  # type: ignore[call-arg]
build_request(method="GET", url="/", timeout=1.0)  # type: ignore[call-arg]
