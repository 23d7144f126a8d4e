"""Finding the live blog a page, a page id or an alias stands for."""

from __future__ import annotations

from typing import Any

from wagtail.models import Page

#: The largest page id: Wagtail's page ids are 32-bit integers, and a
#: larger number would be a database error rather than "not found".
MAX_ID = 2**31 - 1


def is_liveblog(page_or_model: Any) -> bool:
    """Whether a page (a specific one or a plain ``Page``) or a page model is
    a live blog (``LiveBlogPageMixin`` marks its models)."""
    if isinstance(page_or_model, type):
        model = page_or_model
    else:
        model = getattr(page_or_model, "specific_class", None) or type(page_or_model)
    return bool(model is not None and getattr(model, "is_liveblog", False))


def page_key(value: Any) -> int | None:
    """A page id from a URL or form value, or None when it cannot be one."""
    if isinstance(value, bool):
        return None
    try:
        key = int(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return key if 0 < key <= MAX_ID else None


def find_liveblog(page_id: Any):
    """The specific live blog page with this id (an alias as itself, in any
    state), or None."""
    key = page_key(page_id)
    if key is None:
        return None
    page = Page.objects.filter(pk=key).first()
    if page is None or not is_liveblog(page):
        return None
    return page.specific


def source_blog(page):
    """The blog whose updates ``page`` shows: itself, or for an alias its
    source (through aliases of aliases), as its specific page."""
    if not page.alias_of_id:
        return page
    return Page.objects.get(pk=page.liveblog_id).specific


def live_aliases(page) -> list:
    """The live aliases of ``page`` (and aliases of those): they show its
    updates at their own URLs."""
    seen, found, sources = {page.pk}, [], [page.pk]
    while sources:
        aliases = list(
            Page.objects.filter(alias_of_id__in=sources).exclude(pk__in=seen)
        )
        seen.update(alias.pk for alias in aliases)
        found += [alias for alias in aliases if alias.live]
        sources = [alias.pk for alias in aliases]
    return found


def pages_showing(blog_id: int) -> list:
    """The live pages that show the updates of blog ``blog_id``: the blog
    and its live aliases, as specific pages."""
    blog = Page.objects.filter(pk=blog_id, live=True).first()
    if blog is None:
        return []
    return [page.specific for page in [blog, *live_aliases(blog)]]
