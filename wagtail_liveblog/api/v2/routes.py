"""Finding the ``liveblogs`` endpoint in the site's URLconf.

The site chooses the router's prefix, its namespace and the endpoint's
name, so code that runs outside an API request (the pages-endpoint fields,
API v3, the frontend-cache purge) looks the endpoint up in the URLconf.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, get_urlconf, reverse


def _walk(resolver: URLResolver, namespaces: tuple[str, ...]) -> Iterator[str]:
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = (
                (*namespaces, pattern.namespace) if pattern.namespace else namespaces
            )
            yield from _walk(pattern, inner)
        elif isinstance(pattern, URLPattern):
            action = getattr(pattern.callback, "liveblog_api_action", None)
            if action == "detail" and namespaces:
                yield ":".join(namespaces)


@lru_cache(maxsize=8)
def _namespaces(urlconf: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_walk(get_resolver(urlconf), ())))


def endpoint_namespaces() -> tuple[str, ...]:
    """URL namespaces of every registered ``LiveBlogAPIViewSet`` (e.g.
    ``"wagtailapi:liveblogs"``), in URLconf order."""
    return _namespaces(get_urlconf() or settings.ROOT_URLCONF)


def endpoint_paths(page_id: int) -> list[dict[str, str]]:
    """For each registered endpoint: the paths of this blog's routes."""
    return [
        {
            "listing": reverse(f"{namespace}:listing"),
            "detail": reverse(f"{namespace}:detail", args=(page_id,)),
            "updates": reverse(f"{namespace}:updates", args=(page_id,)),
        }
        for namespace in endpoint_namespaces()
    ]
