"""The JSON poll route used by the reader script (``<page url>poll/``).

Its items are the API's update shape plus each update's stored ``html``,
from the same change feed as the API's ``updates/?since=``.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from wagtail.rich_text import expand_db_html

from .. import access, conf, http
from ..formats import iso
from ..models.timeline import changed_at, current_version
from ..params import BadParameter, parse_version
from ..reading.changes import changes_after
from ..readmodel.serialize import poll_item
from . import fastpoll
from .fastpoll import poll_etag, unchanged_payload


def poll_payload(page, request: HttpRequest, since: int, version: int) -> dict:
    payload = unchanged_payload(version, page.status)
    if since == version:
        return payload
    payload["meta"]["summary"] = expand_db_html(page.summary or "")  # key points
    payload["meta"]["updated_at"] = iso(changed_at(page.liveblog_id))
    found = changes_after(page.liveblog_id, since, None, conf.get("MAX_PAGE_SIZE"))
    if found.next_cursor is not None:
        # Too far behind to patch in place: the script reloads the latest.
        payload["meta"]["reset"] = True
        return payload
    page_url = page.get_full_url(request) or ""
    payload["items"] = [poll_item(update, page_url) for update in found.items]
    payload["deleted"] = [str(update_id) for update_id in found.deleted]
    return payload


def poll_response(page, request: HttpRequest) -> HttpResponse:
    blog_id = page.liveblog_id
    version = current_version(blog_id)
    try:
        if not request.GET.get("since"):
            raise BadParameter("since", _("is required"))
        since = parse_version(request.GET, "since", version)
    except BadParameter as bad:
        return http.error(400, bad.message, bad.name)
    public = access.is_public(page)
    if public:
        # Lets LiveBlogPollMiddleware answer this URL's up-to-date polls
        # without routing (fastpoll.py).
        fastpoll.remember(request, page)
    return http.conditional(
        request,
        poll_etag(page.pk, version, since, page.status),
        lambda: http.json_body(request, poll_payload(page, request, since, version)),
        public=public,
    )
