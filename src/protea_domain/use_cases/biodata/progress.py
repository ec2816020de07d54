"""The progress callback use cases report to (an operation passes `context.progress`)."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int | None], None]


def no_progress(current: int, total: int | None) -> None:
    """A `Progress` that ignores every report."""
