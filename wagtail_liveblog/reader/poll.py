"""The JSON poll route used by the reader script (``<page url>poll/``).

Its answer is the read service's ``poll`` (``shapes.LiveBlogPoll``): the
API's update shape plus each update's stored ``html``, from the same change
feed as the API's ``updates/?since=``, and the same data the event stream
sends.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from .. import access, http
from ..models.timeline import current_version
from ..params import BadParameter, parse_version
from ..reading import service
from . import fastpoll
from .fastpoll import poll_etag


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
        lambda: http.json_body(request, service.poll(page, request, since, version)),
        public=public,
    )
