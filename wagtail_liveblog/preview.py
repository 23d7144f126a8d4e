"""Wagtail's preview of a draft: the read model only holds published
updates, so a preview renders the draft's own stream in memory."""

from __future__ import annotations

import uuid

from django.utils import timezone

from . import conf
from .models import TimelineEntry
from .rendering import render_update_html, update_for_template


def draft_entries(page) -> list[TimelineEntry]:
    entries = []
    for child in page.updates:
        if child.block_type != "update":
            continue
        update = update_for_template(child.id or uuid.uuid4(), child.value)
        entries.append(
            TimelineEntry(
                update_id=uuid.UUID(update.id),
                posted_at=update.posted_at or timezone.now(),
                updated_at=update.updated_at,
                headline=update.headline,
                author=update.author,
                pinned=update.pinned,
                key_event=update.key_event,
                html=render_update_html(update),
                changed_version=0,
            )
        )
    entries.sort(key=lambda e: (e.posted_at, e.update_id), reverse=True)
    return entries


def preview_window(page):
    from .views import Window

    size = conf.get("PAGE_SIZE")
    entries = draft_entries(page)
    window = Window(entries[:size], len(entries) > size)
    return window, {
        "pinned_entries": [e for e in entries if e.pinned],
        "key_event_entries": [e for e in entries if e.key_event],
    }
