"""Which live blog a request may read through the API.

The rules are those of Wagtail's own pages endpoint
(``wagtail.api.querysets.get_public_pages_queryset``): the page is live, no
view restriction on it or an ancestor rejects the request, and it belongs
to the site that serves the request. Anything else is "not found", so the
API never tells apart a private blog from a missing one.
"""

from __future__ import annotations

from django.http import HttpRequest
from wagtail.models import Page, Site

from ..models import LiveBlogPageMixin


def _in_request_site(page: Page, request: HttpRequest) -> bool:
    site = Site.find_for_request(request)
    if site is None:
        return False
    return any(
        root.site_id == site.pk and page.url_path.startswith(root.root_path)
        for root in Site.get_site_root_paths()
    )


def restrictions_for(page: Page) -> list:
    return list(page.get_view_restrictions())


def visible_liveblog(request: HttpRequest, page_id: int):
    """The specific live blog page (``updates`` column deferred), or None.

    Sets ``page.liveblog_is_public`` (no view restriction at all applies),
    which decides the ``Cache-Control`` of the response.
    """
    base = Page.objects.live().filter(pk=page_id).only("content_type").first()
    if base is None:
        return None
    model = base.specific_class
    if model is None or not issubclass(model, LiveBlogPageMixin):
        return None
    page = model._default_manager.live().defer("updates").filter(pk=page_id).first()
    if page is None or not _in_request_site(page, request):
        return None
    restrictions = restrictions_for(page)
    if any(not restriction.accept_request(request) for restriction in restrictions):
        return None
    page.liveblog_is_public = not restrictions
    return page


def visible_liveblogs(request: HttpRequest):
    """Every live blog the request may read, for the listing route."""
    from wagtail.api.querysets import get_public_pages_queryset
    from wagtail.models import get_page_models

    models = [m for m in get_page_models() if issubclass(m, LiveBlogPageMixin)]
    return (
        get_public_pages_queryset(request).type(*models)
        if models
        else Page.objects.none()
    )
