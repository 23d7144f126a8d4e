"""Purging a live blog's API and poll URLs from a frontend cache (CDN).

When the site uses ``wagtail.contrib.frontend_cache`` (the app installed and
``WAGTAILFRONTENDCACHE`` configured), every publish, unpublish, move or
deletion of a live blog, and every publish (a scheduled one included),
unpublish (or expiry) or deletion of one of its updates, purges once the
transaction commits:

- for each registered ``liveblogs`` endpoint: its listing, the blog's
  detail and updates URLs, and the updates URL polled by clients that were
  current until now (``updates/?since=<previous version>``);
- the page's own poll URL, bare and with ``?since=<previous version>``;
- when an update changed, the page itself and its feed (Wagtail's frontend
  cache app purges the page only when the page is published).

Aliases of the blog show its updates at their own URLs (``liveblog_id``),
so the same URLs of every live alias are purged with it.
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils.http import urlencode

from .access.blogs import live_aliases
from .api.v2.routes import endpoint_paths


def is_enabled() -> bool:
    return apps.is_installed("wagtail.contrib.frontend_cache") and bool(
        getattr(settings, "WAGTAILFRONTENDCACHE", None)
        or getattr(settings, "WAGTAILFRONTENDCACHE_LOCATION", None)
    )


def _api_base_url(page) -> str:
    base = getattr(settings, "WAGTAILAPI_BASE_URL", None)
    if not base:
        parts = page.get_url_parts()
        base = parts[1] if parts else ""
    return (base or "").rstrip("/")


def liveblog_urls(
    page, previous_version: int | None = None, *, include_page: bool = False
) -> list[str]:
    """The cacheable URLs of ``page`` (and of its live aliases) that a change
    makes stale."""
    urls = _page_urls(page, previous_version, include_page=include_page)
    for alias in live_aliases(page):
        urls += _page_urls(alias, previous_version, include_page=include_page)
    return list(dict.fromkeys(urls))


def _page_urls(page, previous_version: int | None, *, include_page: bool) -> list[str]:
    since = (
        "?" + urlencode({"since": previous_version})
        if previous_version is not None and previous_version >= 0
        else None
    )
    urls: list[str] = []
    base = _api_base_url(page)
    for paths in endpoint_paths(page.pk):
        urls += [
            base + paths["listing"],
            base + paths["detail"],
            base + paths["updates"],
        ]
        if since:
            urls.append(base + paths["updates"] + since)
    page_url = page.get_full_url()
    if page_url:
        if include_page:
            urls += [page_url, f"{page_url}feed/"]
        urls.append(f"{page_url}poll/")
        if since:
            urls.append(f"{page_url}poll/{since}")
    return urls


def purge_liveblog(
    page,
    previous_version: int | None = None,
    *,
    include_page: bool = False,
    after_commit: bool = True,
) -> list[str]:
    """Purge ``page``'s URLs, once the current transaction commits (or at
    once, ``after_commit=False``, for a caller that runs after it).

    The URLs are worked out now (a deleted page has none afterwards).
    Returns them; does nothing when the site has no frontend cache.
    """
    if not is_enabled():
        return []
    urls = liveblog_urls(page, previous_version, include_page=include_page)

    def purge() -> None:
        from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

        purge_urls_from_cache(urls)

    if after_commit:
        transaction.on_commit(purge)
    else:
        purge()
    return urls
