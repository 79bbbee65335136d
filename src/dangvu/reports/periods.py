"""Period dates live in `dangvu.core.periods` (the task statistics use them too)."""

from dangvu.core.periods import covered_dates, has_computed_dates, period_title

__all__ = ["covered_dates", "has_computed_dates", "period_title"]
