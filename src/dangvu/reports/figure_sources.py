"""Indicator figures another app computes from its records instead of a unit typing them.

An app registers a source once (in its AppConfig.ready): a function of the contribution's unit,
the period's committee and dates that returns figures by indicator name, or nothing when it does
not answer for that unit. `contribution_save` takes these figures over what was typed, so the
report carries the records' numbers (the inspection app's counts, for instance)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from dangvu.org.models import Organisation

Source = Callable[..., dict[str, Decimal]]

_sources: dict[str, Source] = {}


def register(name: str, source: Source) -> None:
    """`source(unit=…, committee=…, start=…, end=…)` → {indicator name: figure}."""
    _sources[name] = source


def computed_values(contribution: Any) -> dict[int, Decimal]:
    """The figures the sources give for this contribution, by indicator id."""
    if not _sources:
        return {}
    period = contribution.period
    by_name = {i.name: i.pk for i in period.indicators.all()}
    out: dict[int, Decimal] = {}
    unit: Organisation = contribution.unit
    start: dt.date = period.starts_on
    end: dt.date = period.ends_on
    for source in _sources.values():
        for name, value in source(
            unit=unit, committee=period.committee, start=start, end=end
        ).items():
            if name in by_name:
                out[by_name[name]] = value
    return out


def computed_indicator_ids(contribution: Any) -> set[int]:
    return set(computed_values(contribution))
