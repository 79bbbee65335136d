"""A job kind for the tests of `core.background` (found by the worker of the kill test, where
`tests.hardening` is an installed app; imported by the in-process tests)."""

from __future__ import annotations

import time
from typing import Any

from dangvu.core import background
from dangvu.core.models import AuditEntry

SLOW = "tests.slow_write"


@background.kind(SLOW, title="test")
def slow_write(ctx: background.JobContext) -> dict[str, Any]:
    """Writes `rows` audit entries in the job's transaction, `pause` seconds apart; crashes
    half-way on the attempts listed in `crash_on`."""
    rows = int(ctx.params["rows"])
    ctx.progress(0, rows, "writing")
    with ctx.writing():
        for number in range(rows):
            AuditEntry.objects.create(
                action="test.row",
                object_type="job",
                object_id=str(ctx.job.pk),
                object_repr=str(number),
            )
            time.sleep(float(ctx.params.get("pause", 0)))
            if number == rows // 2 and ctx.attempt in ctx.params.get("crash_on", []):
                raise RuntimeError("the worker died here")
        ctx.result = {"message": f"{rows} rows"}
    return ctx.result
