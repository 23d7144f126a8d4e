"""Live desks: the live blogs the user may edit, with their status and a
link to each desk — Wagtail's generic listing, reached from the sidebar's
"Live desks" item (``wagtail_hooks.py``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.models import Page

from .. import access
from .desk import STATUS_LABELS
from .scope import desk_url


def status_label(blog) -> str:
    label = STATUS_LABELS.get(blog.status, blog.status)
    return str(
        label if blog.live else _("%(status)s, not published") % {"status": label}
    )


class LiveDesksView(IndexView):
    model = Page
    page_title = _("Live desks")
    header_icon = "time"
    index_url_name = "wagtail_liveblog:live_desks"
    index_results_url_name = "wagtail_liveblog:live_desks_results"
    # Who sees which blog is the access module's answer (the queryset).
    any_permission_required = None
    default_ordering = "-latest_revision_created_at"
    paginate_by = 50

    def get_base_queryset(self):
        return access.editable_liveblogs(self.request.user)

    def get_queryset(self):
        return super().get_queryset().specific()

    @property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label=_("Live blog"),
                accessor="get_admin_display_title",
                get_url=lambda blog: desk_url(blog.pk),
                sort_key="title",
            ),
            Column("status", label=_("Status"), accessor=status_label),
            DateColumn(
                "latest_revision_created_at",
                label=_("Page updated"),
                sort_key="latest_revision_created_at",
            ),
        ]

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": "", "label": self.page_title},
        ]
