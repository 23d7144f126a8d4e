"""The live desk: Wagtail's own snippet views over ``LiveBlogUpdate``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.snippets.views.snippets import SnippetViewSet

from ..models.update import LiveBlogUpdate
from ..permissions import LiveBlogUpdatePermissionPolicy

try:  # Wagtail 8: one registry that every view and action asks
    from wagtail.permissions import register_permission_policy
except ImportError:  # Wagtail 7.4: the viewset's own attribute
    register_permission_policy = None

permission_policy = LiveBlogUpdatePermissionPolicy()
if register_permission_policy is not None:
    register_permission_policy(LiveBlogUpdate, permission_policy)


class LiveBlogUpdateViewSet(SnippetViewSet):
    model = LiveBlogUpdate
    icon = "time"
    menu_label = _("Live blog updates")
    url_prefix = "liveblog/updates"
    admin_url_namespace = "wagtail_liveblog_updates"
    add_to_admin_menu = False
    if register_permission_policy is None:
        permission_policy = permission_policy
    panels = [
        FieldPanel("blog"),
        FieldPanel("headline"),
        FieldPanel("body"),
        FieldRowPanel([FieldPanel("pinned"), FieldPanel("key_event")]),
        FieldPanel("author"),
        FieldPanel("posted_at"),
    ]
