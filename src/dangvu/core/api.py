"""Pieces of the JSON API shared by every router: a bounded limit/offset pagination."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination


class BoundedLimitOffset(LimitOffsetPagination):
    """`limit` 1–`NINJA_PAGINATION_MAX_LIMIT`, `offset` 0–`DANGVU_API_MAX_OFFSET`: a huge value is a
    422, not an SQL overflow."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=500)
        offset: int = Field(0, ge=0, le=1_000_000)

    def paginate_queryset(self, queryset: Any, pagination: Any, request: Any, **params: Any) -> Any:
        pagination.offset = min(pagination.offset, int(settings.DANGVU_API_MAX_OFFSET))
        return super().paginate_queryset(queryset, pagination, request, **params)
