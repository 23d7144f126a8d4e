"""The footer actions of the update create and edit views.

Wagtail's snippet action menu decides Publish and Unpublish from the
model-wide Django permission and offers "Submit for moderation" on create
only for a workflow assigned to the model. For updates both follow the
blog page: publish permission on the blog, the blog's workflow. The menu
items here are Wagtail's own with those two questions answered so; the
rest (Save draft, workflow actions, Locked, the items other apps register)
is unchanged.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets import action_menu as wagtail_menu

from ..permissions import permission_policy


def _can_publish(context) -> bool:
    instance = context.get("instance")
    return permission_policy.user_has_permission_for_instance(
        context["request"].user, "publish", instance
    )


class PublishMenuItem(wagtail_menu.PublishMenuItem):
    def is_shown(self, context):
        return _can_publish(context) and not context.get("locked_for_user")


class UnpublishMenuItem(wagtail_menu.UnpublishMenuItem):
    def is_shown(self, context):
        instance = context.get("instance")
        return bool(
            context["view"] == "edit"
            and instance is not None
            and instance.live
            and not context.get("locked_for_user")
            and _can_publish(context)
        )


class SubmitForModerationMenuItem(wagtail_menu.SubmitForModerationMenuItem):
    """Offered on create too: the new update's blog has a workflow."""

    def is_shown(self, context):
        if not getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True):
            return False
        if context.get("locked_for_user"):
            return False
        instance = context.get("instance")
        if instance is None:
            return False
        if context["view"] == "create":
            return instance.get_workflow() is not None
        return (
            context["view"] == "edit"
            and instance.has_workflow
            and not instance.workflow_in_progress
        )


def base_menu_items(model) -> list[wagtail_menu.ActionMenuItem]:
    """Wagtail's menu items for ``model``, with the blog-aware ones swapped in."""
    swaps = {
        wagtail_menu.PublishMenuItem: PublishMenuItem,
        wagtail_menu.UnpublishMenuItem: UnpublishMenuItem,
        wagtail_menu.SubmitForModerationMenuItem: SubmitForModerationMenuItem,
    }
    items = []
    for item in wagtail_menu.get_base_snippet_action_menu_items(model):
        swap = swaps.get(type(item))
        items.append(swap(order=item.order) if swap else item)
    return items


class UpdateActionMenu(wagtail_menu.SnippetActionMenu):
    """``SnippetActionMenu`` over ``base_menu_items``.

    ``instance`` is given on create too (the new update, with its blog),
    so that publish permission and the workflow are the blog's.
    """

    def __init__(self, request, **kwargs):
        self.request = request
        self.context = kwargs
        self.context["request"] = request
        instance = self.context.get("instance")
        if instance is not None:
            self.context["model"] = type(instance)
        model = self.context["model"]
        self.context["draftstate_enabled"] = True

        self.menu_items = [
            item for item in base_menu_items(model) if item.is_shown(self.context)
        ]
        if self.context["view"] == "edit" and instance is not None:
            self.menu_items += self._workflow_items(instance)
        self.menu_items.sort(key=lambda item: item.order)

        for hook in hooks.get_hooks("construct_snippet_action_menu"):
            hook(self.menu_items, self.request, self.context)

        self.default_item = self.menu_items.pop(0) if self.menu_items else None

    def _workflow_items(self, instance) -> list[wagtail_menu.ActionMenuItem]:
        task = instance.current_workflow_task
        if not task:
            return []
        state = instance.current_workflow_state
        final = state and state.is_at_final_task
        reapproval = getattr(
            settings, "WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT", False
        )
        items = []
        for name, label, launch_modal in task.get_actions(instance, self.request.user):
            icon_name = "edit"
            if name == "approve":
                if final and not reapproval:
                    label = _("%(label)s and Publish") % {"label": label}
                icon_name = "success"
            item = wagtail_menu.WorkflowMenuItem(
                name, label, launch_modal, icon_name=icon_name
            )
            if item.is_shown(self.context):
                items.append(item)
        return items
