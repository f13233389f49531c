"""Leaves RequestValidationError to FastAPI's default {'detail': [...]} handler."""

from http import HTTPStatus
from typing import Any, ClassVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_JSON = "application/problem+json"


class DomainError(Exception):
    """The base of the domain's errors: answered 400 ``Bad Request`` unless a subclass says otherwise."""

    status: ClassVar[int] = 400
    title: ClassVar[str] = "Bad Request"
    type_uri: ClassVar[str] = "about:blank"

    def __init__(self, detail: str) -> None:
        """Keep ``detail``, this occurrence's explanation, as ``.detail`` and as the message."""
        super().__init__(detail)
        self.detail = detail


class NotFound(DomainError):
    """The thing asked for does not exist: 404 ``Not Found``."""

    status = 404
    title = "Not Found"
    type_uri = "https://problems.example.com/not-found"


class Conflict(DomainError):
    """The request clashes with the current state (a duplicate, a stale version): 409 ``Conflict``."""

    status = 409
    title = "Conflict"
    type_uri = "https://problems.example.com/conflict"


class RuleViolation(DomainError):
    """A business rule forbids it: 422 ``Business rule violated``."""

    status = 422
    title = "Business rule violated"
    type_uri = "https://problems.example.com/rule-violation"


def _problem(
    request: Request,
    status: int,
    title: str,
    detail: str,
    *,
    type_uri: str = "about:blank",
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    body = {
        "type": type_uri,
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
        **extra,
    }
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_JSON)


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:  # a code outside the standard registry
        return "Error"


async def _domain_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    cls = type(exc)  # class attributes: a subclass inherits or overrides them
    return _problem(request, cls.status, cls.title, exc.detail, type_uri=cls.type_uri)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [{"loc": list(error["loc"]), "msg": str(error["msg"])} for error in exc.errors()]
    return _problem(request, 422, "Request validation failed", "The request is invalid.", errors=errors)


async def _http_exception(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    return _problem(
        request,
        exc.status_code,
        _phrase(exc.status_code),
        str(exc.detail),
        headers=dict(exc.headers) if exc.headers else None,
    )


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    # Starlette logs the traceback and re-raises after this response has been sent.
    return _problem(request, 500, "Internal Server Error", "An unexpected error occurred.")


def install_error_handlers(app: FastAPI) -> None:
    """Register the app's error handlers: every error becomes problem details (module docstring).

    One handler per family: ``DomainError`` (so every subclass, present or future, is covered
    through its class attributes), ``RequestValidationError``, Starlette's ``HTTPException``
    and ``Exception``.
    """
    app.add_exception_handler(DomainError, _domain_error)
    app.add_exception_handler(StarletteHTTPException, _http_exception)
    app.add_exception_handler(Exception, _unexpected_error)
