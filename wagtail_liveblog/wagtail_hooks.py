"""Wagtail admin integration: the live desk and the buttons to it."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.snippets.models import register_snippet

from .admin.viewsets import LiveBlogUpdateViewSet
from .models import LiveBlogPageMixin

register_snippet(LiveBlogUpdateViewSet)


def is_liveblog(page) -> bool:
    model = getattr(page, "specific_class", None) or type(page)
    return issubclass(model, LiveBlogPageMixin)


class LiveDeskButton(PageMenuItem):
    label = _("Live desk")
    icon_name = "time"
    url_name = "wagtail_liveblog:desk"

    def is_shown(self, user) -> bool:
        return (
            is_liveblog(self.page) and self.page.permissions_for_user(user).can_edit()
        )


@hooks.register("register_page_header_buttons")
def live_desk_header_button(page, user, view_name=None, next_url=None):
    yield LiveDeskButton(page=page, priority=12)


@hooks.register("register_page_listing_buttons")
def live_desk_listing_button(page, user, next_url=None):
    yield LiveDeskButton(page=page, priority=15)
