"""Turning one update block into what readers get: HTML and API data.

This runs when the read model syncs (at publish), never per request.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime


def parse_time(value: Any) -> datetime | None:
    if not value:
        return None
    if isinstance(value, datetime):
        parsed = value
    else:
        parsed = parse_datetime(str(value))
        if parsed is None:
            return None
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


@dataclass
class UpdateForTemplate:
    """What ``includes/update.html`` gets as ``update``."""

    id: str
    headline: str
    author: str
    posted_at: datetime | None
    updated_at: datetime | None
    pinned: bool
    key_event: bool
    body: Any

    @property
    def anchor(self) -> str:
        return f"update-{self.id}"


def update_for_template(update_id: str, value) -> UpdateForTemplate:
    return UpdateForTemplate(
        id=str(update_id),
        headline=value.get("headline") or "",
        author=value.get("author") or "",
        posted_at=parse_time(value.get("posted_at")),
        updated_at=parse_time(value.get("updated_at")),
        pinned=bool(value.get("pinned")),
        key_event=bool(value.get("key_event")),
        body=value.get("body"),
    )


@contextmanager
def reader_locale(page) -> Iterator[None]:
    """Render in the site's (or the page locale's) language and time zone.

    Publishing runs inside an admin request, where Wagtail activates the
    reporter's own language and time zone; what is stored is read by all.
    """
    language = settings.LANGUAGE_CODE
    if getattr(settings, "WAGTAIL_I18N_ENABLED", False) and getattr(
        page, "locale_id", None
    ):
        language = page.locale.language_code
    with (
        translation.override(language),
        timezone.override(timezone.get_default_timezone()),
    ):
        yield


def render_update_html(update: UpdateForTemplate) -> str:
    """The inner HTML of an update's ``<article>``."""
    return render_to_string("wagtail_liveblog/includes/update.html", {"update": update})
