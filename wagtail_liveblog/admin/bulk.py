"""Wagtail's bulk actions on updates, through the package's rules.

Wagtail's own snippet bulk delete lists every object of the model it is
given ids of (or all of them, for ``?id=all``), naming those the user may
not delete, and deletes with one query past any lock. For updates it is
replaced by one that only ever reads the updates the user may see (the
blogs they may edit), acts only on those ``access.may`` allows (locks
included), and deletes each through the editing API, as the desk does.
"""

from __future__ import annotations

import uuid
from functools import cached_property

from django.core.exceptions import PermissionDenied
from django.http import Http404
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction

from .. import access, editing
from ..models.update import LiveBlogUpdate
from ..permissions import permission_policy


def _keys(values) -> list[uuid.UUID]:
    keys = []
    for value in values:
        try:
            keys.append(uuid.UUID(str(value)))
        except ValueError:
            continue
    return keys


class DeleteUpdatesBulkAction(DeleteBulkAction):
    models = [LiveBlogUpdate]

    def visible_updates(self):
        return permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["view"]
        ).select_related("blog")

    @cached_property
    def _actionable_objects(self):
        asked = self.request.GET.getlist("id")
        updates = self.visible_updates()
        if "all" not in asked:
            updates = updates.filter(pk__in=_keys(asked))
        found = list(updates)
        if not found:
            raise Http404
        allowed, refused = [], []
        for update in found:
            if access.may(self.request.user, "delete", update):
                allowed.append(update)
            else:
                refused.append(update)
        return allowed, {"items_with_no_access": refused}

    def check_perm(self, snippet):
        return access.may(self.request.user, "delete", snippet)

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        action = kwargs["self"]
        user = action.request.user
        deleted = 0
        for update in objects:
            try:
                editing.remove_update(update.blog, update.pk, user=user)
            except (PermissionDenied, editing.UpdateNotFound):
                continue  # a colleague locked or removed it meanwhile
            deleted += 1
        return deleted, 0
