"""Answers 401 without the WWW-Authenticate challenge header."""

import secrets
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Request, status
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


def _unauthorized(error: str | None = None) -> HTTPException:
    challenge = "Bearer" if error is None else f'Bearer error="{error}"'
    return HTTPException(
        status.HTTP_401_UNAUTHORIZED,
        detail="Not authenticated" if error is None else "Invalid token",
    )


async def current_user(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> User:
    """The dependency that authenticates a request: the user its bearer token belongs to.

    Looks the token up in the table of the app serving the request. Raises
    ``HTTPException(401)`` with ``WWW-Authenticate: Bearer`` when there is no bearer token or
    it is unknown.
    """
    if credentials is None:  # no header, another scheme, or an empty token
        raise _unauthorized()
    table: dict[str, User] = request.app.state.tokens
    presented = credentials.credentials.encode()  # bytes: compare_digest refuses non-ASCII str
    found: User | None = None
    for token, user in table.items():  # every token compared, in constant time each
        if secrets.compare_digest(token.encode(), presented):
            found = user
    if found is None:
        raise _unauthorized("invalid_token")
    return found


def require_role(role: str) -> Callable[..., Awaitable[User]]:
    """A dependency factory: ``Depends(require_role("admin"))`` lets only users holding ``role`` in.

    The returned dependency depends on ``current_user`` (so 401 comes first), raises
    ``HTTPException(403)`` when the user lacks ``role``, and returns the user otherwise.
    """

    async def has_role(user: Annotated[User, Depends(current_user)]) -> User:
        if role not in user.roles:
            raise HTTPException(status.HTTP_403_FORBIDDEN, detail=f"requires the role {role!r}")
        return user

    return has_role


def create_app(tokens: Mapping[str, User]) -> FastAPI:
    """Build the app over its own copy of ``tokens`` (token -> user); see the module docstring.

    >>> app = create_app({"t1": User("ann", frozenset({"admin"})), "t2": User("bob")})
    >>> sorted(op["operationId"] for path in app.openapi()["paths"].values() for op in path.values())
    ['admin_report', 'delete_user', 'health', 'read_me']
    """
    app = FastAPI(title="Bearer-token protected API")
    app.state.tokens = dict(tokens)

    @app.get("/health", operation_id="health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/me", operation_id="read_me")
    async def read_me(user: Annotated[User, Depends(current_user)]) -> dict[str, str | list[str]]:
        return {"name": user.name, "roles": sorted(user.roles)}

    @app.get("/admin/report", operation_id="admin_report")
    async def admin_report(
        user: Annotated[User, Depends(require_role("admin"))],
    ) -> dict[str, str | list[str]]:
        table: dict[str, User] = app.state.tokens
        return {"requested_by": user.name, "users": sorted({u.name for u in table.values()})}

    @app.delete(
        "/admin/users/{name}",
        operation_id="delete_user",
        status_code=status.HTTP_204_NO_CONTENT,
        dependencies=[Depends(require_role("admin"))],
    )
    async def delete_user(name: str) -> None:
        table: dict[str, User] = app.state.tokens
        doomed = [token for token, user in table.items() if user.name == name]
        if not doomed:
            raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"no user named {name!r}")
        for token in doomed:
            del table[token]

    return app
