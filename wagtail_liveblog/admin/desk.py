"""The live desk: Wagtail's snippet listing of one blog's updates.

``/admin/liveblog/<page id>/desk/`` (``wagtail_liveblog:desk``) is the
viewset's index view restricted to one blog, with the blog's status and
coverage buttons on top, the quick composer (``composer.py``) below them,
then Wagtail's listing: filters, search, sortable columns and a dropdown of
actions on every row. The listing refreshes itself as colleagues work
(``desk.js``, the ``liveblog-desk`` Stimulus controller, polls
``DeskStateView`` and has Wagtail's ``w-swap`` reload only the listing
through Wagtail's results-only view), never the composer; row actions are
Wagtail ``w-action`` buttons it posts in the background.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.db.models import Count, F, Max, Q
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin import messages
from wagtail.admin.widgets.button import HeaderButton
from wagtail.models import WorkflowState
from wagtail.snippets.views import snippets

from .. import access, conf
from ..models.timeline import current_version
from ..models.update import LiveBlogUpdate
from ..status import STATUS_ENDED, STATUS_LIVE, STATUS_UPCOMING
from . import composer as composer_module
from .authors import search_updates
from .buttons import row_buttons
from .columns import desk_columns, short_time
from .filters import UpdateFilterSet, overdue_count
from .rows import decorate_rows, pending_rows, pending_table
from .scope import (
    ScopedPolicy,
    blog_breadcrumbs,
    desk_url,
    find_liveblog,
)

STATUS_LABELS = {
    STATUS_LIVE: _("Live"),
    STATUS_UPCOMING: _("Upcoming"),
    STATUS_ENDED: _("Ended"),
}
#: Where the docs say how to run Wagtail's ``publish_scheduled``.
SCHEDULING_DOCS_URL = (
    "https://github.com/wagtail-liveblog/wagtail-liveblog/blob/main/"
    "docs/deployment.md#scheduled-publishing"
)
#: The desk's poll interval is the readers', but never under a second.
MIN_POLL_SECONDS = 1


def blog_for_desk(request, page_id: Any):
    """The blog of a desk URL: Http404 unless ``request.user`` may edit it."""
    blog = find_liveblog(page_id)
    if not access.may_edit_blog(request.user, blog):
        raise Http404(_("No such live blog."))
    return blog


def desk_token(blog_id: int) -> str:
    """Changes whenever the desk's listing would: readers' changes (the
    blog version), drafts, locks and moderation."""
    rows = LiveBlogUpdate.objects.filter(blog_id=blog_id).aggregate(
        count=Count("pk"),
        revision=Max("latest_revision_id"),
        locked=Count("pk", filter=Q(locked=True)),
        locked_at=Max("locked_at"),
    )
    workflows = WorkflowState.objects.filter(
        base_content_type=LiveBlogUpdate.get_base_content_type()
    ).aggregate(
        latest=Max("pk"),
        open=Count("pk", filter=Q(status=WorkflowState.STATUS_IN_PROGRESS)),
    )
    locked_at = rows["locked_at"].timestamp() if rows["locked_at"] else 0
    return "-".join(
        str(part)
        for part in (
            current_version(blog_id),
            rows["count"],
            rows["revision"] or 0,
            rows["locked"],
            int(locked_at),
            workflows["latest"] or 0,
            workflows["open"],
        )
    )


def poll_seconds() -> float:
    return max(MIN_POLL_SECONDS, float(conf.get("POLL_INTERVAL")))


class DeskView(snippets.IndexView):
    """The desk of one blog (``page_id`` in the URL); also its results-only
    view (``results_only``), which filters and the live refresh load."""

    template_name = "wagtail_liveblog/admin/desk.html"
    results_template_name = "wagtail_liveblog/admin/desk_results.html"
    filterset_class = UpdateFilterSet
    search_fields = ["headline"]  # and the authors' names: search_updates
    search_backend_name = None
    default_ordering = "-posted_at"
    paginate_by = 20
    page_title = _("Live desk")
    header_icon = "time"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.blog = find_liveblog(kwargs.get("page_id"))

    def dispatch(self, request, *args, **kwargs):
        if self.blog.alias_of_id:
            return redirect(desk_url(self.blog.alias_of_id))
        if not access.may_edit_blog(request.user, self.blog):
            raise Http404(_("No such live blog."))
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def permission_policy(self):
        return ScopedPolicy(LiveBlogUpdate(blog=self.blog))

    # -- URLs -----------------------------------------------------------------

    @cached_property
    def desk_url(self) -> str:
        return desk_url(self.blog.pk)

    def get_index_url(self):
        return self.desk_url

    def get_index_results_url(self):
        return reverse("wagtail_liveblog:desk_results", args=[self.blog.pk])

    def get_add_url(self):
        if self.user_has_permission("add"):
            return (
                reverse("wagtail_liveblog:add")
                + "?"
                + urlencode({"blog": self.blog.pk})
            )
        return None

    @cached_property
    def add_item_label(self):
        return _("Full editor")

    @cached_property
    def add_button(self):
        return HeaderButton(self.add_item_label, url=self.add_url, icon_name="plus")

    @cached_property
    def live_url(self) -> str | None:
        return self.blog.get_url(request=self.request) if self.blog.live else None

    def get_page_subtitle(self):
        return self.blog.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *blog_breadcrumbs(self.blog, desk=False),
            {"url": "", "label": _("Live desk")},
        ]

    # -- the listing ----------------------------------------------------------

    @cached_property
    def shows_stream_only(self) -> bool:
        """The main listing is the live stream, with drafts and scheduled
        updates apart, unless the user filters or searches: then every
        update that matches is in the one listing."""
        filters = ("q", *UpdateFilterSet.base_filters)
        return not any(self.request.GET.get(name) for name in filters)

    def get_base_queryset(self):
        queryset = (
            LiveBlogUpdate.objects.filter(blog_id=self.blog.pk)
            .select_related("latest_revision")
            .defer("html", "data", "body")
        )
        return queryset.filter(live=True) if self.shows_stream_only else queryset

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return search_updates(queryset, self.search_query)

    def order_queryset(self, queryset):
        if self.ordering in ("posted_at", "-posted_at"):
            if self.ordering.startswith("-"):
                # Newest first (drafts, when listed, after the posted ones).
                posted = F("posted_at").desc(nulls_last=True)
                return queryset.order_by(
                    posted,
                    F("latest_revision__created_at").desc(nulls_last=True),
                    "-pk",
                )
            posted = F("posted_at").asc(nulls_last=True)
            return queryset.order_by(posted, "pk")
        return super().order_queryset(queryset).order_by(self.ordering, "-pk")

    def paginate_queryset(self, queryset, page_size):
        paginator, page, rows, is_paginated = super().paginate_queryset(
            queryset, page_size
        )
        return paginator, page, decorate_rows(list(rows), self.blog), is_paginated

    @cached_property
    def columns(self):
        return desk_columns(
            get_url=self.get_edit_url, get_buttons=self.get_list_buttons
        )

    def get_list_buttons(self, instance):
        return row_buttons(
            instance,
            user=self.request.user,
            live_url=self.live_url,
            next_url=self.desk_url,
        )

    # -- the composer ---------------------------------------------------------

    @cached_property
    def composer(self):
        return composer_module.Composer(self.request, self.blog)

    def post(self, request, *args, **kwargs):
        if self.results_only:
            return self.http_method_not_allowed(request, *args, **kwargs)
        composer = composer_module.Composer(request, self.blog, request.POST)
        posted = composer.post()
        if posted is None:
            messages.error(
                request,
                _("The update could not be posted. Check the form below."),
            )
            self.__dict__["composer"] = composer
            response = self.get(request, *args, **kwargs)
            add_never_cache_headers(response)
            return response
        update_id, action = posted
        update = LiveBlogUpdate.objects.get(pk=update_id)
        message = self.posted_message(action) % {
            "title": update.title,
            "time": short_time(update.go_live_at) if update.go_live_at else "",
        }
        messages.success(request, message, buttons=self.posted_buttons(update))
        query = request.GET.urlencode()
        return redirect(f"{self.desk_url}?{query}" if query else self.desk_url)

    @staticmethod
    def posted_message(action: str):
        if action == composer_module.PUBLISH:
            return _("Update '%(title)s' published.")
        if action == composer_module.SCHEDULE:
            return _("Update '%(title)s' scheduled for %(time)s.")
        if action == composer_module.SUBMIT:
            return _("Update '%(title)s' submitted for moderation.")
        return _("Update '%(title)s' saved as a draft.")

    def posted_buttons(self, update: LiveBlogUpdate) -> list:
        buttons = [
            messages.button(
                reverse("wagtail_liveblog:edit", args=[update.pk]), _("Edit")
            )
        ]
        if update.live and self.live_url:
            buttons.append(
                messages.button(
                    f"{self.live_url}?{urlencode({'update': update.pk})}#{update.anchor}",
                    _("View live"),
                    new_window=True,
                )
            )
        return buttons

    # -- the page -------------------------------------------------------------

    def desk_context(self) -> dict[str, Any]:
        blog = self.blog
        counts = LiveBlogUpdate.objects.filter(blog_id=blog.pk).aggregate(
            published=Count("pk", filter=Q(live=True)),
            drafts=Count("pk", filter=Q(live=False) | Q(has_unpublished_changes=True)),
        )
        can_publish = self.user_has_permission("publish")
        return {
            "blog": blog,
            "status": blog.status,
            "status_label": STATUS_LABELS.get(blog.status, blog.status),
            "status_labels": STATUS_LABELS,
            "published_count": counts["published"],
            "draft_count": counts["drafts"],
            "can_publish": can_publish,
            "start_coverage_url": reverse(
                "wagtail_liveblog:start_coverage", args=[blog.pk]
            ),
            "end_coverage_url": reverse(
                "wagtail_liveblog:end_coverage", args=[blog.pk]
            ),
            "edit_page_url": reverse("wagtailadmin_pages:edit", args=[blog.pk]),
            "live_url": self.live_url,
            "state_url": reverse("wagtail_liveblog:desk_state", args=[blog.pk]),
            "poll_seconds": poll_seconds(),
            "overdue_count": overdue_count(blog.pk),
            "scheduling_docs_url": SCHEDULING_DOCS_URL,
            "desk_token": desk_token(blog.pk),
        }

    def pending_context(self) -> dict[str, Any]:
        if not self.shows_stream_only:
            return {}
        rows, total = pending_rows(self.blog)
        if not total:
            return {}
        return {
            "pending_table": pending_table(self.columns, rows),
            "pending_count": total,
            "pending_more": total > len(rows),
        }

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["desk_url"] = self.desk_url
        context.update(self.pending_context())
        if not self.results_only:
            context.update(self.desk_context())
            context["composer"] = self.composer
            context["media"] += self.composer.media
        return context


class DeskStateView(View):
    """What the desk's script polls: the blog's version, a token that
    changes when the listing would, and the coverage status."""

    http_method_names = ["get"]

    def get(self, request, page_id):
        blog = blog_for_desk(request, page_id)
        response = JsonResponse(
            {
                "version": current_version(blog.pk),
                "token": desk_token(blog.pk),
                "status": blog.status,
                "status_label": str(STATUS_LABELS.get(blog.status, blog.status)),
            }
        )
        add_never_cache_headers(response)
        return response
