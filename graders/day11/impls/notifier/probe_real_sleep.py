"""The reference notifier, except that its default sleep refuses to wait for real: a test that
lets a Notifier retry without a fake sleep fails on it."""

from __future__ import annotations

from engine.catalog import REPO

_REFERENCE = REPO / "solutions" / "day11" / "notifier.py"
exec(compile(_REFERENCE.read_text(encoding="utf-8"), str(_REFERENCE), "exec"))


async def _real_sleep(delay: float) -> None:
    raise AssertionError(f"asyncio.sleep({delay}) was awaited for real")


Notifier.__init__.__kwdefaults__["sleep"] = _real_sleep  # type: ignore[name-defined]  # noqa: F821
