"""The blog's event stream, ``<page url>events/`` (Server-Sent Events)."""

from __future__ import annotations

from django.http import HttpRequest


def events_url(page, request: HttpRequest | None) -> str | None:
    """The full URL of ``page``'s event stream, or None when the site offers
    none (then clients poll)."""
    return None
