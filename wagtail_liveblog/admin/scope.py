"""Every view of the live desk works on one blog, and the blog decides.

Wagtail's generic views ask their permission policy "may the user do this
at all?" (to show a Publish button, to let a user into the unpublish view).
For updates the honest answer depends on the blog: a reporter may publish
on one blog and only write drafts on another. ``ScopedPolicy`` answers
those questions for the view's own update (or for a new update of the
view's blog), so Wagtail's own checks come out right without re-deciding
them view by view.

A user who may not edit the blog gets a 404 for everything about it: the
desk, its updates, their history. Only a reviewer of an update's current
workflow task also reaches that update (as Wagtail lets reviewers do).
"""

from __future__ import annotations

import logging
import uuid
from functools import cached_property
from typing import Any

from django.http import Http404, HttpResponseBadRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from .. import access
from ..models.page import LiveBlogPageMixin
from ..models.update import LiveBlogUpdate
from ..permissions import permission_policy

logger = logging.getLogger(__name__)

DESK_URL_NAME = "wagtail_liveblog:desk"


# -- finding the blog -------------------------------------------------------


def find_liveblog(page_id: Any) -> LiveBlogPageMixin:
    """The specific live blog page with this id, or Http404."""
    blog = access.find_liveblog(page_id)
    if blog is None:
        raise Http404(_("No such live blog."))
    return blog


def find_update(pk: Any) -> LiveBlogUpdate:
    """The update with this id (its blog loaded), or Http404."""
    try:
        key = pk if isinstance(pk, uuid.UUID) else uuid.UUID(str(pk))
    except (TypeError, ValueError, AttributeError):
        raise Http404(_("No such update.")) from None
    update = LiveBlogUpdate.objects.select_related("blog").filter(pk=key).first()
    if update is None:
        raise Http404(_("No such update."))
    return update


def desk_url(blog_id: int) -> str:
    return reverse(DESK_URL_NAME, args=[blog_id])


# -- who sees what ----------------------------------------------------------


def blog_breadcrumbs(blog, *, desk: bool = True) -> list[dict[str, Any]]:
    """Home, the blog (its page editor) and, with ``desk``, its live desk:
    the trail every desk screen starts with."""
    items = [
        {"url": reverse("wagtailadmin_home"), "label": _("Home")},
        {
            "url": reverse("wagtailadmin_pages:edit", args=[blog.pk]),
            "label": blog.get_admin_display_title(),
        },
    ]
    if desk:
        items.append({"url": desk_url(blog.pk), "label": _("Live desk")})
    return items


class ScopedPolicy:
    """The update policy with "anywhere" questions answered for one update
    (an existing one, or a new one of a blog)."""

    def __init__(self, scope: LiveBlogUpdate, policy=permission_policy):
        self.scope = scope
        self.policy = policy
        self.model = policy.model

    def user_has_permission(self, user, action: str) -> bool:
        return self.policy.user_has_permission_for_instance(user, action, self.scope)

    def user_has_any_permission(self, user, actions) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def __getattr__(self, name: str):
        return getattr(self.policy, name)


# -- the views' side ----------------------------------------------------------


class MalformedFormData(Exception):
    """Form data no browser sends (a StreamField count that is not a number)."""


#: What binding a form to data no browser sends can raise (a rich text
#: value that is JSON but not a Draftail object raises AttributeError in
#: Wagtail's converter).
MALFORMED = (KeyError, ValueError, TypeError, IndexError, AttributeError)


class BlogScopeMixin:
    """For the viewset's views: ``scope`` (an update, or a new one of the
    blog), its ``blog``, the policy answered for them, a 404 for users who
    may not see them, breadcrumbs through the blog's desk, and the way back
    to the desk after the work is done."""

    def get_scope(self) -> LiveBlogUpdate:
        raise NotImplementedError

    @cached_property
    def scope(self) -> LiveBlogUpdate:
        return self.get_scope()

    @cached_property
    def blog(self) -> LiveBlogPageMixin:
        return self.scope.blog.specific

    @cached_property
    def permission_policy(self):
        return ScopedPolicy(self.scope)

    def user_may_reach(self) -> bool:
        return access.may_reach_update(self.request.user, self.scope)

    def dispatch(self, request, *args, **kwargs):
        if not self.user_may_reach():
            raise Http404(_("No such update."))
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def desk_url(self) -> str:
        return desk_url(self.scope.blog_id)

    def get_breadcrumbs_items(self):
        items = super().get_breadcrumbs_items()
        if not items:
            return items
        skip = {str(reverse("wagtailadmin_home"))}
        if getattr(self, "index_url_name", None):
            skip.add(reverse(self.index_url_name))
        try:
            skip.add(reverse("wagtailsnippets:index"))
        except NoReverseMatch:
            pass
        own = [item for item in items if str(item.get("url") or "") not in skip]
        return [*blog_breadcrumbs(self.blog), *own]


class GuardedFormMixin:
    """Create and edit views: form data no browser sends (a StreamField
    count that is not a number, a missing block field) is a 400, not a 500."""

    def is_valid(self, form):
        try:
            return super().is_valid(form)
        except MALFORMED as error:
            logger.warning("Unreadable form data for %s", self.model, exc_info=True)
            raise MalformedFormData(str(error)) from error

    def form_invalid(self, form):
        # Wagtail may refuse without validating the form (a locked or
        # scheduled update), then reads its errors here: bind the data where
        # unreadable data is caught.
        try:
            form.errors  # noqa: B018 - binds and validates the data
        except MALFORMED as error:
            logger.warning("Unreadable form data for %s", self.model, exc_info=True)
            raise MalformedFormData(str(error)) from error
        return super().form_invalid(form)

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except MalformedFormData:
            return HttpResponseBadRequest(
                _("The form data is incomplete. Reload the page and try again.")
            )


class UpdateScopeMixin(BlogScopeMixin):
    """Views of one existing update (``pk`` in the URL).

    The update is found first, before the view loads anything: an id that
    is no update (or no UUID at all) is a 404 in every view.
    """

    def setup(self, request, *args, **kwargs):
        self.__dict__["scope"] = find_update(kwargs.get("pk"))
        super().setup(request, *args, **kwargs)

    def get_scope(self) -> LiveBlogUpdate:
        return find_update(self.kwargs.get("pk"))


class NewUpdateScopeMixin(BlogScopeMixin):
    """Views that make a new update of the blog given as ``?blog=<id>``."""

    def get_scope(self) -> LiveBlogUpdate:
        blog = find_liveblog(self.request.GET.get("blog"))
        if blog.alias_of_id:
            blog = find_liveblog(blog.alias_of_id)
        return LiveBlogUpdate(blog=blog)

    @cached_property
    def blog(self) -> LiveBlogPageMixin:
        return self.scope.blog

    def user_may_reach(self) -> bool:
        return access.may_edit_blog(self.request.user, self.blog)

    def with_blog(self, url: str) -> str:
        separator = "&" if "?" in url else "?"
        return f"{url}{separator}blog={self.blog.pk}"
