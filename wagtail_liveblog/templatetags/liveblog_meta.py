"""Template tags for the reader page's ``<head>``: structured data, the
canonical link and social-card metadata."""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from ..reader.jsonld import live_blog_posting, script_tag
from ..reader.meta import page_meta

register = template.Library()


def _blog_context(context):
    page = context.get("page")
    entries = context.get("entries")
    if page is None or entries is None or not hasattr(page, "coverage_start"):
        return None
    return page, entries, context.get("pinned_entries") or []


@register.simple_tag(takes_context=True)
def liveblog_jsonld(context) -> SafeString | str:
    """The page's ``LiveBlogPosting`` JSON-LD script, or nothing outside a blog."""
    found = _blog_context(context)
    if found is None:
        return ""
    page, entries, pinned = found
    data = live_blog_posting(
        page, entries, request=context.get("request"), pinned=pinned
    )
    return script_tag(data)


@register.simple_tag(takes_context=True)
def liveblog_social_meta(context) -> SafeString | str:
    """``<link rel="canonical">``, Open Graph and Twitter card tags
    (``includes/social_meta.html``), or nothing outside a blog."""
    found = _blog_context(context)
    if found is None:
        return ""
    page, entries, pinned = found
    meta = page_meta(page, context.get("request"), entries=entries, pinned=pinned)
    return render_to_string(
        "wagtail_liveblog/includes/social_meta.html",
        {"meta": meta},
        request=context.get("request"),
    )
