"""Wagtail admin integration: the live desk's URLs and the buttons to it,
and keeping page saves from touching the updates."""

from __future__ import annotations

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from .admin import urls as desk_urls
from .models import LiveBlogPageMixin
from .panels import inline_editing


def is_liveblog(page) -> bool:
    model = getattr(page, "specific_class", None) or type(page)
    return issubclass(model, LiveBlogPageMixin)


@hooks.register("register_admin_urls")
def register_desk_urls():
    return [path("liveblog/", include(desk_urls, namespace="wagtail_liveblog"))]


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


@hooks.register("before_edit_page")
def keep_updates_on_page_save(request, page):
    """With the updates out of the page editor, a save from it keeps the
    updates of the latest revision (see ``LiveBlogPageMixin.save_revision``)."""
    if isinstance(page, LiveBlogPageMixin) and not inline_editing():
        page._liveblog_keep_latest_updates = True


@hooks.register("before_edit_page")
def merge_stale_inline_saves(request, page):
    """With inline editing on, remember which revision the form was loaded
    from, so that its save merges by update id (see ``merge.py``)."""
    if (
        request.method == "POST"
        and isinstance(page, LiveBlogPageMixin)
        and inline_editing()
    ):
        page._liveblog_merge_base = request.POST.get("loaded_revision_id")
