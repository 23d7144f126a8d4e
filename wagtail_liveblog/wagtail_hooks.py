"""Wagtail admin integration: the live desk and the buttons to it."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.snippets.models import register_snippet

from . import access
from .permissions import register_permission_policy

# First: Wagtail 8 refuses a policy registered after it handed out a default.
register_permission_policy()

from .admin.bulk import DeleteUpdatesBulkAction  # noqa: E402
from .admin.viewsets import LiveBlogUpdateViewSet  # noqa: E402

register_snippet(LiveBlogUpdateViewSet)
# After Wagtail's own snippet bulk delete (order 0), which it replaces for
# updates.
hooks.register("register_bulk_action", DeleteUpdatesBulkAction, order=100)


class LiveDesksMenuItem(MenuItem):
    """The sidebar's way to the desks, for users who may edit some page (the
    listing shows only the live blogs they may edit)."""

    def is_shown(self, request) -> bool:
        return access.editable_liveblogs(request.user).exists()


@hooks.register("register_admin_menu_item")
def live_desks_menu_item():
    return LiveDesksMenuItem(
        _("Live desks"),
        reverse("wagtail_liveblog:live_desks"),
        name="live-desks",
        icon_name="time",
        order=150,
    )


class LiveDeskButton(PageMenuItem):
    label = _("Live desk")
    icon_name = "time"

    @property
    def url(self):
        # An alias shows its source's updates: open the source's desk.
        return reverse(
            "wagtail_liveblog:desk", args=[self.page.alias_of_id or self.page.pk]
        )

    def is_shown(self, user) -> bool:
        return access.is_liveblog(self.page) and access.may_edit_blog(user, self.page)


@hooks.register("register_page_header_buttons")
def live_desk_header_button(page, user, view_name=None, next_url=None):
    yield LiveDeskButton(page=page, priority=12)


@hooks.register("register_page_listing_buttons")
def live_desk_listing_button(page, user, next_url=None):
    yield LiveDeskButton(page=page, priority=15)
