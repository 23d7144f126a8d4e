"""``GET liveblogs/``: the live blogs a request may read, newest first."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse

from ... import access, conf, http, params
from ...models.timeline import LiveBlogTimeline
from ...params import BadParameter

MAX_OFFSET = 2**31 - 1


def listing_response(viewset: Any) -> HttpResponse:
    """``viewset`` is the ``LiveBlogAPIViewSet`` serving the request."""
    request = viewset.request
    try:
        params.check_known(request.GET, ("limit", "offset"))
        limit = params.parse_limit(request.GET, conf.get("PAGE_SIZE"))
        offset = params.parse_offset(request.GET, MAX_OFFSET)
    except BadParameter as bad:
        return http.error(400, bad.message, bad.name)
    blogs, public = access.readable_liveblogs(request)
    queryset = blogs.order_by("-first_published_at", "-pk")
    total = queryset.count()
    pages = list(queryset.specific()[offset : offset + limit])
    # An alias shows its source's updates, so it has its source's version.
    versions = dict(
        LiveBlogTimeline.objects.filter(
            page_id__in={page.liveblog_id for page in pages}
        ).values_list("page_id", "version")
    )
    payload: dict[str, Any] = {
        "meta": {"total_count": total},
        "items": [
            {
                "id": page.pk,
                "title": page.title,
                "url": page.get_full_url(request) or "",
                "status": page.status,
                "version": versions.get(page.liveblog_id, 0),
                "detail_url": viewset.route_url("detail", page.pk),
                "updates_url": viewset.route_url("updates", page.pk),
            }
            for page in pages
        ],
    }
    etag = http.make_etag("listing", http.query_key(request), payload)
    return http.conditional(
        request, etag, lambda: http.json_body(request, payload), public=public
    )
