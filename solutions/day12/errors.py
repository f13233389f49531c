"""Domain errors as RFC 9457 problem details, mapped in ONE place.

The domain raises its own exceptions and knows nothing about HTTP responses;
``install_error_handlers(app)`` teaches an app to turn every error — the domain's, request
validation's, ``HTTPException`` and any unexpected one — into a *problem details* response.

Every error response has the media type ``application/problem+json`` and a JSON object body
with these members:

- ``type``: a URI naming the kind of problem (``"about:blank"`` when it has no more meaning
  than its status);
- ``title``: a short summary of the kind of problem (the same for every occurrence);
- ``status``: the HTTP status code, an ``int`` — the same as the response's status;
- ``detail``: what went wrong this time, a ``str``;
- ``instance``: the request's path, without the query string (``/orders/7``).

The domain errors: ``DomainError(detail)`` keeps its argument as ``.detail`` (and, as for
any exception, ``str(error) == detail``). Each class says how it is answered through three class
attributes, ``status``, ``title`` and ``type_uri``, which subclasses inherit or override:

================  ======  ==========================  =========================================
class             status  title                       type_uri
================  ======  ==========================  =========================================
``DomainError``   400     ``Bad Request``             ``about:blank``
``NotFound``      404     ``Not Found``               ``https://problems.example.com/not-found``
``Conflict``      409     ``Conflict``                ``https://problems.example.com/conflict``
``RuleViolation`` 422     ``Business rule violated``  ``https://problems.example.com/rule-violation``
================  ======  ==========================  =========================================

What ``install_error_handlers(app)`` makes the app answer:

- a ``DomainError`` — of ANY subclass, also one written later, somewhere else, after
  ``install_error_handlers`` ran (one handler for the base class, reading the class
  attributes, not one per known subclass) -> its ``status``, ``{"type": type_uri, "title":
  title, "status": status, "detail": error.detail, "instance": path}``;
- ``fastapi.exceptions.RequestValidationError`` (a bad path/query parameter or body) -> 422,
  type ``about:blank``, title ``Request validation failed``, detail ``The request is
  invalid.``, and one more member, ``errors``: one ``{"loc": [...], "msg": "..."}`` per
  validation error, ``loc`` as FastAPI reports it (``["query", "limit"]``, ``["body",
  "qty"]``). Careful: ``exc.errors()`` as it is may hold objects JSON cannot encode (the
  ``ValueError`` a validator raised);
- an ``HTTPException`` — Starlette's, which FastAPI's subclasses: the router raises
  Starlette's own for an unknown path (404) or a wrong method (405) -> its status code, type
  ``about:blank``, title the status's standard phrase (``http.HTTPStatus(code).phrase``:
  ``Not Found``, ``Method Not Allowed``; ``Error`` for a code ``HTTPStatus`` does not know,
  such as 499), detail its ``detail``; the headers it carries
  (``WWW-Authenticate``, ``Allow``) are kept on the response;
- any other ``Exception`` -> 500, type ``about:blank``, title ``Internal Server Error``,
  detail ``An unexpected error occurred.`` — never the exception's own message, which may
  hold secrets.

Successful responses are left alone. Call ``install_error_handlers`` before the app serves.

Example::

    >>> app = FastAPI()
    >>> @app.get("/orders/{order_id}")
    ... async def get_order(order_id: int) -> dict[str, int]:
    ...     raise NotFound(f"no order {order_id}")
    >>> install_error_handlers(app)
    >>> # GET /orders/7 -> 404, content-type application/problem+json,
    >>> # {"type": "https://problems.example.com/not-found", "title": "Not Found",
    >>> #  "status": 404, "detail": "no order 7", "instance": "/orders/7"}
"""

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
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_exception)
    app.add_exception_handler(Exception, _unexpected_error)
