"""Which blogs push may tell other systems about.

Webhooks and WebSub go to other systems, on no reader's behalf: only a blog
that anyone may read sends anything — live (published), reachable at a URL,
and with no view restriction over it (``access.is_public``; an alias's
source's restrictions count too). Asked when the event goes out, after the
change committed.
"""

from __future__ import annotations

from .. import access


def public_blog(blog_id: int):
    """The specific live blog page ``blog_id`` when anyone may read it, or None."""
    page = access.find_liveblog(blog_id)
    if page is None or not page.live or not access.is_public(page):
        return None
    if page.get_full_url() is None:
        return None  # in no site: no address to give
    return page
