"""How times and update links are written in every output (API, JSON-LD, feed).

The templates and the reader script build the same permalink on their own.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime


def iso(value: datetime | None) -> str | None:
    """ISO 8601 in UTC with a ``Z``, e.g. ``2026-11-26T09:00:00Z``."""
    if value is None:
        return None
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def permalink(page_url: str, update_id: uuid.UUID | str) -> str:
    """The share link of an update: the page opened at the window holding it."""
    return f"{page_url}?update={update_id}#update-{update_id}"
