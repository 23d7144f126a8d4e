"""Template tags for the reader page's ``<head>``: structured data."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from ..reader.jsonld import live_blog_posting, script_tag

register = template.Library()


@register.simple_tag(takes_context=True)
def liveblog_jsonld(context) -> SafeString | str:
    """The page's ``LiveBlogPosting`` JSON-LD script, or nothing outside a blog."""
    page = context.get("page")
    entries = context.get("entries")
    if page is None or entries is None or not hasattr(page, "coverage_start"):
        return ""
    window = context.get("window")
    data = live_blog_posting(
        page,
        entries,
        request=context.get("request"),
        is_latest=getattr(window, "is_latest", True),
    )
    return script_tag(data)
