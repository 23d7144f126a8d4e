"""A live blog's status, derived from its coverage times."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

STATUS_UPCOMING = "upcoming"
STATUS_LIVE = "live"
STATUS_ENDED = "ended"


def coverage_status(start: datetime | None, end: datetime | None) -> str:
    """``upcoming``, ``live`` or ``ended`` for coverage times (either may be None)."""
    now = timezone.now()
    if end and end <= now:
        return STATUS_ENDED
    if start and start > now:
        return STATUS_UPCOMING
    return STATUS_LIVE
