"""Who may read a live blog, and who may write to it: decided here, once.

Every surface asks this package — the reader routes and the event stream,
API v2 and v3, the live desk and Wagtail's own generic views over updates
(bulk actions, choosers, history), the editing API, chat ingest and the
photos uploaded through the package — so that a rule changes in one place.

- ``blogs``: finding the live blog a page id or an alias stands for;
- ``reading``: who may read a blog (published, in the request's site, no
  view restriction refusing the request — an alias taking its source's),
  and whether an answer is the same for everyone (cacheable);
- ``writing``: who may post, change, publish, unpublish, lock and delete
  updates — the blog page's permissions, with one rule for edit-only
  rights and Wagtail's locks on every route;
- ``images``: which pictures a user may put in an update;
- ``chat``: who may connect a chat to a blog, and as whom it posts.

It sits below the models: it knows Wagtail's pages, restrictions and
permission testers, and reads updates only through their attributes.
"""

from .blogs import find_liveblog, is_liveblog, source_blog
from .reading import (
    is_anonymous,
    is_personal,
    is_public,
    may_read,
    readable_liveblog,
    readable_liveblogs,
    view_restrictions,
)
from .writing import (
    UpdateLocked,
    blocking_lock,
    blog_editors,
    check,
    check_blog,
    check_not_locked,
    editable_liveblogs,
    may,
    may_edit_blog,
    may_publish_blog,
    may_reach_update,
)

__all__ = [
    "UpdateLocked",
    "blocking_lock",
    "blog_editors",
    "check",
    "check_blog",
    "check_not_locked",
    "editable_liveblogs",
    "find_liveblog",
    "is_anonymous",
    "is_liveblog",
    "is_personal",
    "is_public",
    "may",
    "may_edit_blog",
    "may_publish_blog",
    "may_reach_update",
    "may_read",
    "readable_liveblog",
    "readable_liveblogs",
    "source_blog",
    "view_restrictions",
]
