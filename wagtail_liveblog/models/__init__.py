"""The models of wagtail-liveblog.

- ``LiveBlogPageMixin`` / ``LiveBlogPage`` (``page.py``): the blog page;
- ``LiveBlogUpdate`` (``update.py``): one update, a row of its own, which
  ``update_changes.py`` keeps in step with what readers see, and
  ``LiveBlogUpdateAuthor`` (``authors.py``): its authors;
- ``LiveBlogTimeline`` / ``LiveBlogTombstone`` (``timeline.py``): the
  blog's version and the updates readers no longer see.
"""

from ..status import STATUS_ENDED, STATUS_LIVE, STATUS_UPCOMING, coverage_status
from .authors import LiveBlogUpdateAuthor
from .idempotency import LiveBlogIdempotencyKey
from .page import LiveBlogPage, LiveBlogPageMixin
from .timeline import LiveBlogTimeline, LiveBlogTombstone
from .update import LiveBlogUpdate

__all__ = [
    "STATUS_ENDED",
    "STATUS_LIVE",
    "STATUS_UPCOMING",
    "LiveBlogIdempotencyKey",
    "LiveBlogPage",
    "LiveBlogPageMixin",
    "LiveBlogTimeline",
    "LiveBlogTombstone",
    "LiveBlogUpdate",
    "LiveBlogUpdateAuthor",
    "coverage_status",
]
