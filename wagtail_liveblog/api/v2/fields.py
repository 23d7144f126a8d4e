"""Fields of a live blog in Wagtail's own pages endpoint (API v2 and v3).

They read the published update rows, so a ``LiveBlogPage`` in
``/api/v2/pages/<id>/`` stays small whatever the number of updates. API v3 builds its page
schemas from the same ``api_fields`` and calls these serializers without a
request, hence the fallbacks on ``request``.

Wagtail's pages endpoint leaves out restricted pages but not the aliases of
restricted pages (Wagtail core lets an alias ignore the restrictions over
its source). An alias shows its source's updates, so every field that
carries update data (or the version, which tells when updates change)
first asks ``access.may_read`` with the source's rules: a page the request
could not read through the ``liveblogs`` endpoint gets no update data here
either — empty lists and null — whatever route the page came through.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from rest_framework import serializers

from ... import access, conf
from ...models.timeline import current_version
from ...reading import queries
from ...reading.service import key_event
from ...readmodel.serialize import with_url
from .routes import endpoint_namespaces


class LiveBlogField(serializers.Field):
    """A read-only field computed from the whole page (``source="*"``)."""

    def __init__(self, **kwargs: Any):
        kwargs.setdefault("source", "*")
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    @property
    def request(self):
        return self.context.get("request") if self.context else None

    def page_url(self, page) -> str:
        return page.get_full_url(self.request) or ""

    def readable(self, page) -> bool:
        """Whether the request may read this blog's updates (see above)."""
        return access.may_read(self.request, page)


class BlogRichTextField(serializers.CharField):
    """The blog's ``intro`` or ``summary`` (key points) as Wagtail's pages
    endpoint gives rich text (on Wagtail 8, in the ``rich_text_format`` it
    resolved for the request), or ``""`` to a request that may not read the
    blog: an alias keeps copies of its source's, and the pages endpoint
    lists the aliases of restricted blogs."""

    def __init__(self, **kwargs: Any):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        request = self.context.get("request") if self.context else None
        if not access.may_read(request, instance):
            return ""
        return super().get_attribute(instance) or ""

    def to_representation(self, value) -> str:
        try:
            from wagtail.api.v2.serializers import RichTextFieldSerializer
        except ImportError:  # Wagtail 7.4: rich text as stored
            return super().to_representation(value)
        # Wagtail's own serializer (imported late: it needs the models
        # loaded, and this module is imported while they load).
        wagtails = RichTextFieldSerializer()
        wagtails.bind(self.field_name, self.parent)
        return wagtails.to_representation(value)


class StatusField(LiveBlogField):
    def to_representation(self, page) -> str:
        return page.status


class VersionField(LiveBlogField):
    def to_representation(self, page) -> int | None:
        if not self.readable(page):
            return None
        return current_version(page.liveblog_id)


class PinnedField(LiveBlogField):
    """The newest ``MAX_PINNED`` pinned updates."""

    def to_representation(self, page) -> list[dict[str, Any]]:
        if not self.readable(page):
            return []
        url = self.page_url(page)
        entries = queries.pinned(page.liveblog_id, conf.get("MAX_PINNED"))
        return [with_url(entry.data, url) for entry in entries]


class KeyEventsField(LiveBlogField):
    def to_representation(self, page) -> list[dict[str, Any]]:
        if not self.readable(page):
            return []
        url = self.page_url(page)
        return [key_event(entry, url) for entry in queries.key_events(page.liveblog_id)]


class LatestUpdatesField(LiveBlogField):
    """The newest ``PAGE_SIZE`` updates."""

    def to_representation(self, page) -> list[dict[str, Any]]:
        if not self.readable(page):
            return []
        url = self.page_url(page)
        entries = queries.latest(page.liveblog_id, conf.get("PAGE_SIZE"))
        return [with_url(entry.data, url) for entry in entries]


def _router_namespace(request) -> str | None:
    """The namespace of the liveblogs endpoint on the router serving ``request``."""
    router = getattr(request, "wagtailapi_router", None)
    for name, endpoint in getattr(router, "_endpoints", {}).items():
        if getattr(endpoint, "is_liveblog_endpoint", False):
            return f"{router.url_namespace}:{name}"
    return None


class UpdatesURLField(LiveBlogField):
    """The ``liveblogs`` endpoint's updates URL for this blog, or None."""

    def to_representation(self, page) -> str | None:
        if not self.readable(page):
            return None
        request = self.request
        candidates = [_router_namespace(request), *endpoint_namespaces()]
        for namespace in filter(None, candidates):
            try:
                path = reverse(f"{namespace}:updates", args=(page.pk,))
            except NoReverseMatch:
                continue
            return self.full_url(page, path)
        return None

    def full_url(self, page, path: str) -> str:
        if self.request is not None:
            # Not at module level: it loads Wagtail's Page model on import,
            # and this module is imported while models load.
            from wagtail.api.v2.utils import get_full_url

            return get_full_url(self.request, path)
        base = getattr(settings, "WAGTAILAPI_BASE_URL", None)
        if not base:
            parts = page.get_url_parts()
            base = parts[1] if parts else ""
        return f"{(base or '').rstrip('/')}{path}"
