"""Who may do what with updates: what their blog page allows.

- publish permission on the page: publish, schedule, unpublish and delete
  its updates (and everything below);
- edit permission: write drafts, submit them for moderation, delete drafts
  that never went out, see the desk;
- neither: nothing.

Locking follows the page's lock permission. Superusers may do everything,
as with pages.

Wagtail asks a model's permission policy two kinds of questions: "may the
user do this to some update at all?" (``user_has_permission``) and "to
this update?" (``..._for_instance``). The first is answered from the
user's page permissions anywhere; the admin views of one blog answer it
for that blog instead (``admin/scope.py``).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models.update import LiveBlogUpdate

#: Update actions and the page permissions they need (any of them).
PAGE_ACTIONS = {
    "add": {"add", "change", "publish"},
    "change": {"add", "change", "publish"},
    "view": {"add", "change", "publish"},
    "delete": {"publish"},
    "publish": {"publish"},
    "unpublish": {"publish"},
    "lock": {"lock"},
    "unlock": {"unlock"},
}


def _page_actions(actions) -> set[str]:
    found: set[str] = set()
    for action in actions:
        found |= PAGE_ACTIONS.get(action, {action})
    return found


class LiveBlogUpdatePermissionPolicy(BasePermissionPolicy):
    """Permissions on ``LiveBlogUpdate`` objects, from their blog page."""

    def __init__(self, model=LiveBlogUpdate):
        super().__init__(model)
        self.page_policy = PagePermissionPolicy()

    # -- anywhere: may the user do this to some update at all? -------------------

    def user_has_permission(self, user, action: str) -> bool:
        return self.user_has_any_permission(user, {action})

    def user_has_any_permission(self, user, actions) -> bool:
        return self.page_policy.user_has_any_permission(user, _page_actions(actions))

    # -- one update ----------------------------------------------------------------

    def user_has_permission_for_instance(self, user, action: str, instance) -> bool:
        if not user.is_active:
            return False
        if user.is_superuser:
            return True
        if instance is None or getattr(instance, "blog_id", None) is None:
            return self.user_has_permission(user, action)
        tester = instance.blog.permissions_for_user(user)
        if action in ("add", "change", "view"):
            return tester.can_edit()
        if action == "delete":
            if instance.live or instance.first_published_at is not None:
                return tester.can_publish()
            return tester.can_edit()
        if action in ("publish", "unpublish"):
            return tester.can_publish()
        if action == "lock":
            return tester.can_lock()
        if action == "unlock":
            return tester.can_unlock()
        return False

    def user_has_any_permission_for_instance(self, user, actions, instance) -> bool:
        return any(
            self.user_has_permission_for_instance(user, action, instance)
            for action in actions
        )

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet:
        if not user.is_active:
            return self.model._default_manager.none()
        if user.is_superuser:
            return self.model._default_manager.all()
        pages = self.page_policy.instances_user_has_any_permission_for(
            user, _page_actions(actions)
        )
        return self.model._default_manager.filter(blog__in=pages)

    def users_with_any_permission(self, actions) -> QuerySet:
        return self.page_policy.users_with_any_permission(_page_actions(actions))

    def users_with_any_permission_for_instance(self, actions, instance) -> QuerySet:
        return self.page_policy.users_with_any_permission_for_instance(
            _page_actions(actions), instance.blog
        )


#: The policy of ``LiveBlogUpdate``: Wagtail's views, actions and URL finders
#: ask it (Wagtail 8 through its registry, 7.4 through the snippet viewset).
permission_policy = LiveBlogUpdatePermissionPolicy()


def register_permission_policy() -> None:
    """Register the policy with Wagtail 8's registry (once; a no-op on 7.4).

    Call it before anything asks the registry about ``LiveBlogUpdate`` (the
    top of ``wagtail_hooks.py``): Wagtail refuses a policy registered after
    it has handed out its default one.
    """
    try:
        from wagtail.permissions import policy_registry
        from wagtail.permissions import register_permission_policy as register
    except ImportError:  # Wagtail 7.4: the viewset's ``permission_policy``
        return
    if policy_registry.get_by_type(LiveBlogUpdate, fallback=False) is None:
        register(LiveBlogUpdate, permission_policy)


def can_edit(user: Any, blog) -> bool:
    return bool(user is not None and blog.permissions_for_user(user).can_edit())


def can_publish(user: Any, blog) -> bool:
    return bool(user is not None and blog.permissions_for_user(user).can_publish())
