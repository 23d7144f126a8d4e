"""Short descriptions of published updates for admin listings.

Built from the timeline read model (``TimelineEntry``), never the stream.
"""

from __future__ import annotations

from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

FIRST_WORDS = 14


def first_words(entry, words: int = FIRST_WORDS) -> str:
    """The opening words of an update's text, quote or image caption."""
    for item in (entry.data or {}).get("body") or []:
        value = item.get("value")
        if item.get("type") == "text" and isinstance(value, str):
            text = strip_tags(value)
        elif item.get("type") == "quote" and isinstance(value, dict):
            text = f"“{value.get('text') or ''}”"
        elif item.get("type") == "image" and isinstance(value, dict):
            text = value.get("caption") or value.get("title") or ""
        else:
            continue
        text = " ".join(text.split())
        if text:
            return Truncator(text).words(words, truncate="…")
    return ""


class EntrySummary:
    """What the desk and the page editor show of one update."""

    def __init__(self, entry):
        self.entry = entry
        self.id = str(entry.update_id)
        self.headline = entry.headline
        self.posted_at = entry.posted_at
        self.author = entry.author

    @property
    def pinned(self) -> bool:
        return self.entry.pinned

    @property
    def key_event(self) -> bool:
        return self.entry.key_event

    @property
    def updated_at(self):
        return self.entry.updated_at

    @property
    def title(self) -> str:
        return self.headline or first_words(self.entry) or str(_("(no text)"))

    @property
    def anchor(self) -> str:
        return f"update-{self.id}"
