"""The live desk: Wagtail's own snippet views over ``LiveBlogUpdate``.

All under ``/admin/liveblog/`` in the ``wagtail_liveblog`` URL namespace:

- ``<page id>/desk/`` (``desk``): the desk of one blog (``desk.py``), with
  ``results/`` (the listing alone, for filters and the live refresh) and
  ``state/`` (what the desk polls) and ``preview/`` (the composer's
  preview, ``composer_preview.py``);
- ``<page id>/desk/coverage/start/`` and ``…/end/`` (``coverage.py``);
- ``<page id>/desk/key-points/`` (``key_points``): the blog's key points
  (``key_points.py``);
- ``toggle/<update id>/<pin|unpin|key-event|not-key-event>/`` (``toggles.py``);
- ``row/<update id>/<publish|unpublish|approve|reject>/`` (``row_actions.py``);
- Wagtail's snippet views of one update: ``add/?blog=<page id>``,
  ``edit/<id>/`` with Save draft, Publish, Schedule, Preview, Lock and
  Submit for moderation; ``history/``, revision compare and preview,
  ``unpublish/``, ``delete/``, the workflow views (``views.py``).
- ``""`` (``list``): the updates of every blog the user may edit;
- ``desks/`` (``live_desks``): the blogs the user may edit, each linking
  to its desk (``live_desks.py``; the sidebar's "Live desks").

Permissions are the blog page's (``permissions.py``); every view is
scoped to one blog (``scope.py``).
"""

from __future__ import annotations

from functools import cached_property

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    ObjectList,
    PublishingPanel,
)
from wagtail.snippets.views import snippets
from wagtail.snippets.views.snippets import SnippetViewSet

from ..models.update import LiveBlogUpdate
from ..permissions import permission_policy as update_policy
from . import coverage, desk, key_points, row_actions, toggles, views
from .authors import AuthorsPanel, UpdateForm, search_updates
from .buttons import row_buttons
from .chooser import UpdateChooserViewSet
from .columns import desk_columns
from .composer_preview import ComposerPreviewView
from .filters import UpdateFilterSet
from .live_desks import LiveDesksView
from .rows import decorate_rows

try:  # Wagtail 8: views ask the policy registry (``permissions.py`` registers)
    from wagtail.permissions import policy_registry  # noqa: F401

    HAS_POLICY_REGISTRY = True
except ImportError:  # Wagtail 7.4: views get the viewset's ``permission_policy``
    HAS_POLICY_REGISTRY = False


class AllUpdatesView(snippets.IndexView):
    """The updates of every blog the user may edit, each linking to its desk."""

    template_name = "wagtailadmin/generic/index.html"
    results_template_name = "wagtailadmin/generic/index_results.html"

    def get_base_queryset(self):
        return (
            update_policy.instances_user_has_any_permission_for(
                self.request.user, ["view"]
            )
            .select_related("latest_revision", "blog")
            .defer("html", "data", "body")
        )

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return search_updates(queryset, self.search_query)

    def order_queryset(self, queryset):
        return super().order_queryset(queryset).order_by(self.ordering, "-pk")

    def paginate_queryset(self, queryset, page_size):
        paginator, page, rows, is_paginated = super().paginate_queryset(
            queryset, page_size
        )
        return paginator, page, decorate_rows(list(rows), None), is_paginated

    def get_add_url(self):
        return None  # new updates are written from a blog's desk

    def get_edit_url(self, instance):
        if update_policy.user_has_permission_for_instance(
            self.request.user, "change", instance
        ):
            return reverse(self.edit_url_name, args=[instance.pk])
        return None

    @cached_property
    def columns(self):
        return desk_columns(
            get_url=self.get_edit_url,
            get_buttons=self.get_list_buttons,
            with_blog=True,
            blog_url=lambda update: reverse(
                "wagtail_liveblog:desk", args=[update.blog_id]
            ),
        )

    def get_list_buttons(self, instance):
        return row_buttons(instance, user=self.request.user)


class LiveBlogUpdateViewSet(SnippetViewSet):
    model = LiveBlogUpdate
    icon = "time"
    menu_label = _("Live blog updates")
    url_prefix = "liveblog"
    url_namespace = "wagtail_liveblog"
    add_to_admin_menu = False
    # Updates belong to their blogs: they are reached from a blog's desk,
    # not listed among the site's snippets.
    menu_item_is_registered = True
    copy_view_enabled = False
    inspect_view_enabled = False
    if not HAS_POLICY_REGISTRY:
        permission_policy = update_policy

    # The listing of all blogs' updates (the desk sets its own).
    index_view_class = AllUpdatesView
    filterset_class = UpdateFilterSet
    search_fields = ["headline"]  # and the authors' names: search_updates
    search_backend_name = None
    ordering = "-posted_at"
    index_template_name = AllUpdatesView.template_name
    index_results_template_name = AllUpdatesView.results_template_name
    add_view_class = views.CreateView
    edit_view_class = views.EditView
    delete_view_class = views.DeleteView
    usage_view_class = views.UsageView
    history_view_class = views.HistoryView
    revisions_view_class = views.PreviewRevisionView
    revisions_compare_view_class = views.RevisionsCompareView
    revisions_unschedule_view_class = views.RevisionsUnscheduleView
    unpublish_view_class = views.UnpublishView
    preview_on_add_view_class = views.PreviewOnCreateView
    preview_on_edit_view_class = views.PreviewOnEditView
    lock_view_class = views.LockView
    unlock_view_class = views.UnlockView
    workflow_action_view_class = views.WorkflowActionView
    collect_workflow_action_data_view_class = views.CollectWorkflowActionDataView
    confirm_workflow_cancellation_view_class = views.ConfirmWorkflowCancellationView
    workflow_preview_view_class = views.WorkflowPreviewView
    workflow_history_view_class = views.WorkflowHistoryView
    workflow_history_detail_view_class = views.WorkflowHistoryDetailView
    chooser_viewset_class = UpdateChooserViewSet

    edit_handler = ObjectList(
        [
            FieldPanel("headline"),
            FieldPanel("body"),
            FieldRowPanel([FieldPanel("pinned"), FieldPanel("key_event")]),
            AuthorsPanel(),
            FieldPanel("posted_at"),
            PublishingPanel(),
        ],
        base_form_class=UpdateForm,
    )

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        # Views answer permissions for their own blog (``scope.py``); on
        # Wagtail 7.4 the viewset would otherwise hand them the model-wide
        # policy as an attribute.
        view_kwargs.pop("permission_policy", None)
        return view_kwargs

    # -- the desk -------------------------------------------------------------

    @property
    def desk_view(self):
        return self.construct_view(desk.DeskView)

    @property
    def desk_results_view(self):
        return self.construct_view(desk.DeskView, results_only=True)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:page_id>/desk/", self.desk_view, name="desk"),
            path(
                "<int:page_id>/desk/results/",
                self.desk_results_view,
                name="desk_results",
            ),
            path(
                "<int:page_id>/desk/state/",
                desk.DeskStateView.as_view(),
                name="desk_state",
            ),
            path("desks/", LiveDesksView.as_view(), name="live_desks"),
            path(
                "desks/results/",
                LiveDesksView.as_view(results_only=True),
                name="live_desks_results",
            ),
            path(
                "<int:page_id>/desk/preview/",
                ComposerPreviewView.as_view(),
                name="composer_preview",
            ),
            path(
                "<int:page_id>/desk/coverage/start/",
                coverage.CoverageView.as_view(),
                name="start_coverage",
            ),
            path(
                "<int:page_id>/desk/coverage/end/",
                coverage.EndCoverageView.as_view(),
                name="end_coverage",
            ),
            path(
                "<int:page_id>/desk/key-points/",
                key_points.KeyPointsView.as_view(),
                name="key_points",
            ),
            path(
                "toggle/<uuid:pk>/<slug:toggle>/",
                toggles.ToggleView.as_view(),
                name="toggle",
            ),
            path(
                "row/<uuid:pk>/<slug:action>/",
                row_actions.RowActionView.as_view(),
                name="row_action",
            ),
        ]
