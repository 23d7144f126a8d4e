"""The permission policy Wagtail asks about ``LiveBlogUpdate`` objects.

Wagtail asks a model's policy two kinds of questions: "may the user do
this to some update at all?" (``user_has_permission``) and "to this
update?" (``..._for_instance``). The first is answered from the user's page
permissions anywhere (the admin views of one blog answer it for that blog
instead: ``admin/scope.py``); the second is ``access.may``, the package's
one rule for updates (``access/writing.py``).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy

from . import access
from .models.update import LiveBlogUpdate

EDIT_ACTIONS = {"add", "change", "publish"}
#: Update actions and the page permissions (any of them) that allow them on
#: some update of a blog; ``access.may`` decides for one update.
PAGE_ACTIONS = {
    "add": EDIT_ACTIONS,
    "change": EDIT_ACTIONS,
    "view": EDIT_ACTIONS,
    "delete": EDIT_ACTIONS,
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
        if instance is None or getattr(instance, "blog_id", None) is None:
            return self.user_has_permission(user, action)
        return access.may(user, action, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance) -> bool:
        return any(
            self.user_has_permission_for_instance(user, action, instance)
            for action in actions
        )

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet:
        """The updates ``user`` may do any of ``actions`` to (locks aside:
        they are asked of each update)."""
        if not user.is_active:
            return self.model._default_manager.none()
        if user.is_superuser:
            return self.model._default_manager.all()
        pages = self.page_policy.instances_user_has_any_permission_for
        allowed = Q(pk__in=[])
        for action in actions:
            if action in ("change", "delete"):
                # Every update of a blog the user publishes on; edit-only
                # rights reach the updates never published.
                allowed |= Q(blog__in=pages(user, {"publish"})) | Q(
                    blog__in=pages(user, EDIT_ACTIONS),
                    live=False,
                    first_published_at__isnull=True,
                )
            else:
                allowed |= Q(blog__in=pages(user, _page_actions([action])))
        return self.model._default_manager.filter(allowed)

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
