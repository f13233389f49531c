"""A bearer-token protected API: authentication as a dependency, authorisation as a dependency
factory, and an OpenAPI schema that says which operations need a token.

Write ``current_user``, ``require_role(role)`` and ``create_app(tokens)``. ``User`` and
``bearer`` are given, finished.

``create_app(tokens)`` builds a FastAPI app whose token table maps each token to the ``User``
it belongs to (several tokens may belong to one user; a user is known by ``name``). The app
keeps its OWN copy of the table on ``app.state`` (``current_user`` finds it there through
``request.app.state``): the caller's mapping is never changed, and two apps built from one
mapping do not see each other's changes. Tokens are non-empty strings of RFC 6750 characters
(ASCII letters, digits, ``-._~+/``, then optional trailing ``=``); they are compared exactly
(case-sensitive, the whole token: ``tok`` is not ``tok2`` and not ``TOK``).

Authentication — the request header ``Authorization: Bearer <token>``:

- the scheme name ``Bearer`` is case-insensitive (RFC 7235): ``bearer``, ``BEARER`` work too;
- it is followed by one or more spaces, then the token; spaces after the token are ignored;
  anything else (a second word, another scheme such as ``Basic``, no space) is not a token;
- no header, another scheme, an empty token or an unknown token -> **401**, with the header
  ``WWW-Authenticate`` whose scheme is ``Bearer`` (``Bearer`` alone, or with parameters such
  as ``Bearer error="invalid_token"``) and a JSON body ``{"detail": "<a message>"}``;
- any header value at all, junk and non-ASCII bytes included, gives 200/401/403 — never a 500
  (careful: ``secrets.compare_digest`` raises ``TypeError`` for non-ASCII ``str``).

Authorisation: a valid token whose user lacks the route's role -> **403** with
``{"detail": "<a message>"}``. 401 means "who are you?", 403 "I know you, and no": 401 is
decided first, then 403, then the route's own errors (such as 404).

Routes (each with the given ``operation_id``):

- ``GET /health`` (``health``): public, whatever the headers -> ``{"status": "ok"}``.
- ``GET /me`` (``read_me``): any valid token -> the token's user,
  ``{"name": "ann", "roles": ["admin", "ops"]}`` (roles sorted).
- ``GET /admin/report`` (``admin_report``): role ``admin`` ->
  ``{"requested_by": "<the caller's name>", "users": [...]}``, the distinct names of the users
  in the app's table, sorted.
- ``DELETE /admin/users/{name}`` (``delete_user``): role ``admin`` -> removes every token of
  the user called ``name`` from the app's table (from then on they get 401) and answers 204
  with an empty body; no token belongs to a user of that name -> 404 ``{"detail": ...}``.

Dependency injection: ``/me`` and the admin routes receive the user through
``Depends(current_user)``, directly or through ``require_role`` — so
``app.dependency_overrides[current_user] = lambda: some_user`` replaces authentication in every
protected route, and ``require_role`` works on routes you add to the app yourself.

OpenAPI: ``app.openapi()`` lists an HTTP bearer security scheme (``{"type": "http",
"scheme": "bearer"}``) under ``components.securitySchemes``; the three protected operations
require it (their ``security`` names it); ``health`` requires no security at all.

Example::

    >>> app = create_app({"s3cret": User("ann", frozenset({"admin"}))})
    >>> # GET /me                                  -> 401, WWW-Authenticate: Bearer
    >>> # GET /me, Authorization: bearer s3cret    -> 200 {"name": "ann", "roles": ["admin"]}
    >>> # GET /admin/report as a user without admin -> 403
"""

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, FastAPI, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer


@dataclass(frozen=True)
class User:
    """Who a token belongs to (given, finished): a name and the roles it holds."""

    name: str
    roles: frozenset[str] = field(default_factory=frozenset)


# Given, finished: reads ``Authorization: Bearer <token>`` and declares the OpenAPI security
# scheme. ``auto_error=False``: it returns None instead of answering by itself, so the
# responses for a missing or unknown token are yours to write.
bearer = HTTPBearer(auto_error=False, description="An API token: `Authorization: Bearer <token>`")


async def current_user(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> User:
    """The dependency that authenticates a request: the user its bearer token belongs to.

    Looks the token up in the table of the app serving the request. Raises
    ``HTTPException(401)`` with ``WWW-Authenticate: Bearer`` when there is no bearer token or
    it is unknown.
    """
    raise NotImplementedError


def require_role(role: str) -> Callable[..., Awaitable[User]]:
    """A dependency factory: ``Depends(require_role("admin"))`` lets only users holding ``role`` in.

    The returned dependency depends on ``current_user`` (so 401 comes first), raises
    ``HTTPException(403)`` when the user lacks ``role``, and returns the user otherwise.
    """
    raise NotImplementedError


def create_app(tokens: Mapping[str, User]) -> FastAPI:
    """Build the app over its own copy of ``tokens`` (token -> user); see the module docstring.

    >>> app = create_app({"t1": User("ann", frozenset({"admin"})), "t2": User("bob")})
    >>> sorted(op["operationId"] for path in app.openapi()["paths"].values() for op in path.values())
    ['admin_report', 'delete_user', 'health', 'read_me']
    """
    raise NotImplementedError
