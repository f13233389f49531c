"""Uses `except BaseException` as the catch-all row: KeyboardInterrupt & co. become 500."""

from collections.abc import Callable


def respond(handler: Callable[[], str]) -> tuple[int, str]:
    try:
        text = handler()
    except PermissionError as exc:
        return 403, type(exc).__name__
    except (FileNotFoundError, LookupError) as exc:
        return 404, type(exc).__name__
    except TimeoutError as exc:
        return 504, type(exc).__name__
    except OSError as exc:
        return 503, type(exc).__name__
    except ValueError as exc:
        return 400, type(exc).__name__
    except BaseException as exc:
        return 500, type(exc).__name__
    return 200, text
