"""Stamping of ``posted_at`` and ``updated_at`` at publish time.

The stamps are written into the revision being published (so the live page,
the revision history and every later edit agree on them) by comparing each
update, by id, with the previously published version of the same update.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from django.utils import timezone

# Fields that are not "content": changing them is not an edit readers see
# as "Updated …".
NON_CONTENT_FIELDS = frozenset({"posted_at", "updated_at", "pinned", "key_event"})


def content_hash(value: dict[str, Any]) -> str:
    """A stable digest of an update's content (headline, body, author)."""
    content = {k: v for k, v in value.items() if k not in NON_CONTENT_FIELDS}
    encoded = json.dumps(content, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.blake2b(encoded.encode(), digest_size=20).hexdigest()


def load_stream(raw: Any) -> list[dict[str, Any]]:
    """The raw list of stream items, whether stored as text or as a list."""
    if raw in (None, ""):
        return []
    if isinstance(raw, str):
        return json.loads(raw)
    return list(raw)


def published_hashes(page, live_revision_id: int | None) -> dict[str, str]:
    """Content hashes of the updates of ``page`` as last published, by id.

    ``live_revision_id`` is the revision that was live before this publish.
    """
    from wagtail.models import Revision

    from .models import TimelineEntry

    if not page.pk or not live_revision_id:
        return {}
    rows = TimelineEntry.objects.filter(timeline__page_id=page.pk).values_list(
        "update_id", "content_hash"
    )
    hashes = {str(update_id): digest for update_id, digest in rows}
    if hashes:
        return hashes
    # No read model yet (installed on an existing site, or never synced):
    # compare with the previously live revision itself.
    live = Revision.objects.filter(pk=live_revision_id).only("content").first()
    items = load_stream(live.content.get("updates")) if live else []
    return {
        item["id"]: content_hash(item.get("value") or {})
        for item in items
        if item.get("type") == "update" and item.get("id")
    }


# Content hashes computed while stamping a revision, by revision id, for the
# read-model sync that follows in the same publish (``timeline.sync_page``),
# so that a publish hashes each update once, not twice.
_REVISION_HASHES: dict[int, dict[str, str]] = {}


def remember_hashes(revision_id: int, hashes: dict[str, str]) -> None:
    if len(_REVISION_HASHES) >= 8:
        _REVISION_HASHES.clear()
    _REVISION_HASHES[revision_id] = hashes


def hashes_for_revision(revision_id: int | None) -> dict[str, str]:
    """The hashes stamping computed for ``revision_id`` (once), or ``{}``."""
    return _REVISION_HASHES.pop(revision_id, {}) if revision_id else {}


def stamp_items(
    items: list[dict[str, Any]],
    previous: dict[str, str],
    now: datetime,
    hashes: dict[str, str] | None = None,
) -> bool:
    """Fill in ids, ``posted_at`` and ``updated_at`` in place; True if any changed.

    Updates first published together get times a microsecond apart, the
    topmost newest, so readers see them in the order the editor wrote them
    rather than in the order of their random ids. ``hashes``, when given,
    receives every update's content hash.
    """
    changed = False
    now_iso = now.astimezone(UTC).isoformat()
    fresh = 0
    for item in items:
        if item.get("type") != "update":
            continue
        if not item.get("id"):
            item["id"] = str(uuid.uuid4())
            changed = True
        value = item.setdefault("value", {})
        if not value.get("posted_at"):
            posted = now - timedelta(microseconds=fresh)
            value["posted_at"] = posted.astimezone(UTC).isoformat()
            fresh += 1
            changed = True
        before = previous.get(item["id"])
        if before is None and hashes is None:
            continue
        digest = content_hash(value)
        if hashes is not None:
            hashes[item["id"]] = digest
        if before is not None and before != digest:
            value["updated_at"] = now_iso
            changed = True
    return changed


def stamp_revision(
    page, revision, previous_live_id: int | None
) -> list[dict[str, Any]] | None:
    """Stamp the updates stored in ``revision``, which is going live now.

    Returns the stamped updates if anything was stamped, else None.
    """
    content = revision.content or {}
    raw = content.get("updates")
    items = load_stream(raw)
    if not items:
        return None
    hashes: dict[str, str] = {}
    previous = published_hashes(page, previous_live_id)
    stamped = stamp_items(items, previous, timezone.now(), hashes)
    if revision.pk:
        remember_hashes(revision.pk, hashes)
    if not stamped:
        return None
    content["updates"] = json.dumps(items) if isinstance(raw, str) else items
    revision.content = content
    revision.save(update_fields=["content"])
    return items
