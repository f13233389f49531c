"""Task types: what a task of each type accepts as payload and what running it does.

``TaskType(payload, run)``: ``payload`` is a pydantic model class that validates a task's
payload (the built-in ones forbid extra keys); ``run`` is an async function that takes the
validated model and returns the task's result, a JSON-ready ``dict``. An exception from
``run`` is a failure of that attempt. ``Handlers`` is a mapping from type name to
``TaskType``; ``create_app``, ``TaskService`` and ``Worker`` take one as ``handlers=``
(default ``BUILTIN``), so other types can be registered::

    class Shout(BaseModel):
        text: str

    async def shout(payload: Shout) -> dict[str, Any]:
        return {"text": payload.text.upper()}

    handlers = {**BUILTIN, "shout": TaskType(Shout, shout)}

``BUILTIN`` holds (read-only):

==========  ======================================  =======================================
type        payload                                 result
==========  ======================================  =======================================
``echo``    ``{"message": str}``                    ``{"message": <the same>}``
``sum``     ``{"numbers": [int | float, ...]}``     ``{"sum": <their sum>}`` (``0`` if empty)
``fail``    ``{"message": str}``                    always raises ``RuntimeError(message)``
``sleep``   ``{"seconds": float >= 0}``             ``await asyncio.sleep(seconds)``, then
                                                    ``{"slept": seconds}``
==========  ======================================  =======================================

Payload values are not coerced from other JSON types: ``{"message": 1}`` and
``{"numbers": ["1"]}`` are rejected (and so are booleans for numbers).

``validate_payload(handlers, type, payload)`` returns the validated model, or raises
``InvalidTask`` whose ``errors`` are one message per problem: ``"unknown task type 'x'"``, or
``"<field path>: <pydantic's message>"`` (``"message: Field required"``).

Example::

    >>> validate_payload(BUILTIN, "sum", {"numbers": [1, 2.5]})
    SumPayload(numbers=[1, 2.5])
    >>> validate_payload(BUILTIN, "echo", {})
    Traceback (most recent call last):
    ...
    taskq.exceptions.InvalidTask: message: Field required
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, ValidationError

from taskq.exceptions import InvalidTask

P = TypeVar("P", bound=BaseModel)


@dataclass(frozen=True)
class TaskType(Generic[P]):
    """A task type: the model its payload must match and the coroutine that runs it."""

    payload: type[P]
    run: Callable[[P], Awaitable[dict[str, Any]]]


Handlers = Mapping[str, TaskType[Any]]


class _Payload(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class MessagePayload(_Payload):
    """``{"message": str}``: the payload of ``echo`` and ``fail``."""

    message: str


class SumPayload(_Payload):
    """``{"numbers": [int | float, ...]}``."""

    numbers: list[StrictInt | StrictFloat]


class SleepPayload(_Payload):
    """``{"seconds": float >= 0}``."""

    seconds: float = Field(ge=0, allow_inf_nan=False)


async def echo(payload: MessagePayload) -> dict[str, Any]:
    """``{"message": <the same message>}``."""
    return {"message": payload.message}


async def add_up(payload: SumPayload) -> dict[str, Any]:
    """``{"sum": <the numbers' sum>}``."""
    return {"sum": sum(payload.numbers)}


async def fail(payload: MessagePayload) -> dict[str, Any]:
    """Always raises ``RuntimeError(message)``: a task type for trying retries out."""
    raise RuntimeError(payload.message)


async def sleep(payload: SleepPayload) -> dict[str, Any]:
    """Waits ``seconds`` with ``asyncio.sleep``, then ``{"slept": seconds}``."""
    await asyncio.sleep(payload.seconds)
    return {"slept": payload.seconds}


BUILTIN: Handlers = MappingProxyType(
    {
        "echo": TaskType(MessagePayload, echo),
        "sum": TaskType(SumPayload, add_up),
        "fail": TaskType(MessagePayload, fail),
        "sleep": TaskType(SleepPayload, sleep),
    }
)


def validate_payload(handlers: Handlers, type: str, payload: Any) -> BaseModel:  # noqa: A002
    """The payload validated by its type's model; ``InvalidTask`` with every message if not."""
    task_type = handlers.get(type)
    if task_type is None:
        raise InvalidTask([f"unknown task type {type!r}"])
    try:
        model: BaseModel = task_type.payload.model_validate(payload)
    except ValidationError as error:
        messages = [
            f"{'.'.join(map(str, e['loc'])) or 'payload'}: {e['msg']}" for e in error.errors()
        ]
        raise InvalidTask(messages) from None
    return model
