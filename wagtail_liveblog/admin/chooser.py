"""The update chooser Wagtail registers with every snippet model, limited
to the blogs the user may edit (Wagtail's default lists every update)."""

from __future__ import annotations

import uuid

from django.core.exceptions import ObjectDoesNotExist
from wagtail.snippets.views import chooser

from ..permissions import permission_policy


def _editable(user):
    return permission_policy.instances_user_has_any_permission_for(user, ["view"])


def _keys(values) -> list[uuid.UUID]:
    keys = []
    for value in values:
        try:
            keys.append(uuid.UUID(str(value)))
        except ValueError:
            continue
    return keys


class EditableUpdatesMixin:
    def get_object_list(self):
        return _editable(self.request.user)


class ChooseView(EditableUpdatesMixin, chooser.ChooseView):
    pass


class ChooseResultsView(EditableUpdatesMixin, chooser.ChooseResultsView):
    pass


class ChosenView(chooser.SnippetChosenView):
    def get_object(self, pk):
        keys = _keys([pk])
        if not keys:
            raise ObjectDoesNotExist
        return _editable(self.request.user).get(pk=keys[0])


class ChosenMultipleView(chooser.SnippetChosenMultipleView):
    def get_objects(self, pks):
        return _editable(self.request.user).filter(pk__in=_keys(pks))


class CreateView(chooser.SnippetCreateView):
    """Updates are written on a blog's desk, never from a chooser (Wagtail's
    own create view would fail on a model with no creation form)."""

    def can_create(self):
        return False


class UpdateChooserViewSet(chooser.SnippetChooserViewSet):
    choose_view_class = ChooseView
    choose_results_view_class = ChooseResultsView
    chosen_view_class = ChosenView
    chosen_multiple_view_class = ChosenMultipleView
    create_view_class = CreateView
