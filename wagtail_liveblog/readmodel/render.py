"""An update's HTML as readers get it, rendered once when it is published."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

UPDATE_TEMPLATE = "wagtail_liveblog/includes/update.html"


@contextmanager
def reader_locale(blog: Any) -> Iterator[None]:
    """Render in the site's (or the blog locale's) language and time zone.

    Publishing runs inside an admin request, where Wagtail activates the
    reporter's own language and time zone; what is stored is read by all.
    ``blog`` is the blog page, or a function returning it (called only on
    sites with Wagtail's internationalisation on).
    """
    language = settings.LANGUAGE_CODE
    if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        page = blog() if callable(blog) else blog
        if getattr(page, "locale_id", None):
            language = page.locale.language_code
    with (
        translation.override(language),
        timezone.override(timezone.get_default_timezone()),
    ):
        yield


def render_update_html(update: Any) -> str:
    """The inner HTML of an update's ``<article>``.

    ``update`` is a ``LiveBlogUpdate`` (or anything with its attributes:
    ``id``, ``headline``, ``byline``, ``author_names``, ``posted_at``, ``updated_at``,
    ``pinned``, ``key_event``, ``body``).
    """
    return render_to_string(UPDATE_TEMPLATE, {"update": update})
