"""Each change, handed to the event stream's engine once it has committed.

Receivers of ``signals.liveblog_changed`` and ``liveblog_access_changed``
(connected in ``signal_handlers.connect``). ``EVENT_STREAM`` says which
engine: ``"embedded"`` wakes this process's streams, ``"grip"`` publishes
to the GRIP proxy, ``None`` (readers poll) does nothing. Drafts never get
here: only changes readers can see are announced.
"""

from __future__ import annotations

from .. import conf
from ..access.blogs import pages_showing
from . import embedded, grip


def on_changed(sender, blog_id, version, previous_version, events, **kwargs) -> None:
    engine = conf.get("EVENT_STREAM")
    if engine == "embedded":
        embedded.hub.notify(blog_id)
    elif engine == "grip":
        pages = pages_showing(blog_id)
        for page in pages:
            grip.publish_change(page, previous_version, version)
        if not pages:
            # No longer live (unpublished): no content for its streams, only
            # the version moving on, before the close that ends them.
            grip.advance(blog_id, previous_version, version)


def on_access_changed(sender, page_ids, **kwargs) -> None:
    engine = conf.get("EVENT_STREAM")
    if engine == "embedded":
        embedded.hub.close(page_ids)
    elif engine == "grip":
        grip.close(page_ids)
