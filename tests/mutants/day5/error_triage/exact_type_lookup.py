"""Looks the exception's exact type up in a dict, so subclasses (ConnectionResetError…) miss."""

from collections.abc import Callable

STATUS: dict[type[Exception], int] = {
    PermissionError: 403,
    FileNotFoundError: 404,
    LookupError: 404,
    KeyError: 404,
    IndexError: 404,
    TimeoutError: 504,
    OSError: 503,
    ValueError: 400,
}


def respond(handler: Callable[[], str]) -> tuple[int, str]:
    try:
        text = handler()
    except Exception as exc:
        return STATUS.get(type(exc), 500), type(exc).__name__
    return 200, text
