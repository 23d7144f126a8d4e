"""Wagtail's snippet views of one update, scoped to its blog.

Each is Wagtail's own view with ``admin/scope.py`` in front: a 404 for
users who may not edit the blog, permissions answered for the blog,
breadcrumbs through the blog's desk, and the desk as the place to return
to. The create view takes its blog from ``?blog=<id>`` and never lets the
form choose it; no view lets the blog change.
"""

from __future__ import annotations

from functools import cached_property

from django.utils.translation import gettext_lazy as _
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.snippets.views import snippets

from .. import editing
from ..models.authors import LiveBlogUpdateAuthor
from ..models.update import LiveBlogUpdate
from .action_menu import UpdateActionMenu
from .scope import GuardedFormMixin, NewUpdateScopeMixin, UpdateScopeMixin


class ReturnToDeskMixin:
    """After the work is done: the ``next`` URL if safe, else the desk."""

    def desk_or_next(self) -> str:
        return get_valid_next_url_from_request(self.request) or self.desk_url


# -- writing ------------------------------------------------------------------


class CreateView(GuardedFormMixin, NewUpdateScopeMixin, snippets.CreateView):
    page_subtitle = _("Live blog update")

    def get_add_url(self):
        return self.with_blog(super().get_add_url())

    def get_preview_url(self):
        url = super().get_preview_url()
        return self.with_blog(url) if url else url

    def get_initial_form_instance(self):
        return LiveBlogUpdate(
            blog=self.blog, authors=[LiveBlogUpdateAuthor(user=self.request.user)]
        )

    @cached_property
    def workflow(self):
        return self.scope.get_workflow()

    def _get_action_menu(self):
        return UpdateActionMenu(
            self.request,
            view=self.view_name,
            model=self.model,
            instance=self.form.instance,
        )

    def get_success_url(self):
        return self.desk_url


class EditView(GuardedFormMixin, UpdateScopeMixin, snippets.EditView):
    def _get_action_menu(self):
        return UpdateActionMenu(
            self.request,
            view=self.view_name,
            instance=self.object,
            locked_for_user=self.locked_for_user,
        )

    def get_success_url(self):
        return self.desk_url


class DeleteView(ReturnToDeskMixin, UpdateScopeMixin, snippets.DeleteView):
    """Wagtail's delete view, deleting through the editing API (its
    permission and lock checks, its history entry, the readers' tombstone)."""

    def get_success_url(self):
        return self.desk_or_next()

    def delete_action(self):
        editing.remove_update(self.blog, self.object.pk, user=self.request.user)


class UnpublishView(ReturnToDeskMixin, UpdateScopeMixin, snippets.UnpublishView):
    """Wagtail's unpublish view; a lock stops it (the policy says no)."""

    def get_next_url(self):
        return self.desk_or_next()


class RevisionsUnscheduleView(UpdateScopeMixin, snippets.RevisionsUnscheduleView):
    pass


# -- looking ------------------------------------------------------------------


class HistoryView(UpdateScopeMixin, snippets.HistoryView):
    pass


class UsageView(UpdateScopeMixin, snippets.UsageView):
    pass


class PreviewOnCreateView(NewUpdateScopeMixin, snippets.PreviewOnCreateView):
    @property
    def parent_object_id(self) -> str:
        # Keeps the previews of new updates of different blogs apart.
        return str(self.blog.pk)

    def get_object(self):
        return LiveBlogUpdate(blog=self.blog)


class PreviewOnEditView(UpdateScopeMixin, snippets.PreviewOnEditView):
    pass


class PreviewRevisionView(UpdateScopeMixin, snippets.PreviewRevisionView):
    pass


class RevisionsCompareView(UpdateScopeMixin, snippets.RevisionsCompareView):
    pass


class LockView(UpdateScopeMixin, snippets.LockView):
    pass


class UnlockView(UpdateScopeMixin, snippets.UnlockView):
    pass


# -- workflow -----------------------------------------------------------------


class WorkflowActionView(UpdateScopeMixin, snippets.WorkflowActionView):
    pass


class CollectWorkflowActionDataView(
    UpdateScopeMixin, snippets.CollectWorkflowActionDataView
):
    pass


class ConfirmWorkflowCancellationView(
    UpdateScopeMixin, snippets.ConfirmWorkflowCancellationView
):
    pass


class WorkflowPreviewView(UpdateScopeMixin, snippets.WorkflowPreviewView):
    pass


class WorkflowHistoryView(UpdateScopeMixin, snippets.WorkflowHistoryView):
    pass


class WorkflowHistoryDetailView(UpdateScopeMixin, snippets.WorkflowHistoryDetailView):
    pass
