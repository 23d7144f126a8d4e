"""WebSub for feed readers: the Atom feed names its hub, and each change of
a public, live blog pings it.

With ``WAGTAIL_LIVEBLOG["WEBSUB_HUB"]`` set, ``<page url>feed/`` carries
``<link rel="hub" href="<hub>">`` next to its ``<link rel="self">`` (the
topic, ``<page url>feed/``), and every ``liveblog_changed`` of a blog that
anyone may read sends the hub one form-encoded POST, ``hub.mode=publish``
and ``hub.url=<feed url>``, in the background after commit
(``background.py``). The hub then fetches the feed and fans it out to its
subscribers. A failed ping is logged and not retried: feed readers still
poll the feed.
"""

from __future__ import annotations

import http.client
import logging
from urllib.parse import urlencode

from django_tasks import task

from .. import conf
from . import background, outbound
from .public import public_blog

logger = logging.getLogger(__name__)


def hub_url() -> str | None:
    """The configured hub, or None."""
    return conf.get("WEBSUB_HUB") or None


def feed_url(page) -> str | None:
    """The feed's own address (its ``rel="self"``, the WebSub topic)."""
    page_url = page.get_full_url()
    return f"{page_url}feed/" if page_url else None


@task()
def ping_hub(blog_id: int) -> None:
    """Tell the hub that the blog's feed changed (one POST, no retry)."""
    hub = hub_url()
    page = public_blog(blog_id) if hub else None
    if page is None:
        return
    topic = feed_url(page)
    body = urlencode({"hub.mode": "publish", "hub.url": topic}).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    try:
        status = outbound.post(hub, body, headers, timeout=conf.get("WEBHOOK_TIMEOUT"))
    except (OSError, http.client.HTTPException) as error:
        logger.warning("WebSub: pinging %s for %s failed: %s", hub, topic, error)
        return
    if not 200 <= status < 300:
        logger.warning("WebSub: the hub %s answered %s for %s", hub, status, topic)


def on_change(sender, *, blog_id: int, **kwargs) -> None:
    """``liveblog_changed``: ping the hub, when there is one, in the background."""
    if hub_url():
        background.enqueue(ping_hub, blog_id)
