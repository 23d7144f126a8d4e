"""The "Updates" panel of the live blog page editor.

Updates are not page fields: the panel shows how many are published, the
newest few and the way to the live desk, where updates are written. A save
or revert of the page never touches them.
"""

from __future__ import annotations

from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from ..reading import queries

SUMMARY_SIZE = 5
DESK_URL_NAME = "wagtail_liveblog:desk"


def desk_url(page_id: int) -> str | None:
    try:
        return reverse(DESK_URL_NAME, args=[page_id])
    except NoReverseMatch:
        return None


class LiveBlogUpdatesPanel(Panel):
    """A read-only summary of the blog's updates with a link to the desk."""

    def __init__(self, **kwargs: Any):
        kwargs.setdefault("heading", _("Updates"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "wagtail_liveblog/admin/updates_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            context.update(desk_url=None, count=0, latest=[])
            if page is not None and page.pk:
                blog_id = getattr(page, "liveblog_id", page.pk)
                context["count"] = queries.count(blog_id)
                context["latest"] = queries.latest(blog_id, SUMMARY_SIZE)
                context["desk_url"] = desk_url(blog_id)
            return context
