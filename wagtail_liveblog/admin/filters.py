"""The desk's listing filters: a django-filter ``FilterSet``, as Wagtail's
own listings have (shown in the header's filter drill-down)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.models import Revision, WorkflowState

from ..models.update import LiveBlogUpdate

STATUS_LIVE = "live"
STATUS_DRAFT = "draft"
STATUS_SCHEDULED = "scheduled"
STATUS_MODERATION = "moderation"

#: Workflow states in which an update is with its reviewers.
MODERATION_STATES = (
    WorkflowState.STATUS_IN_PROGRESS,
    WorkflowState.STATUS_NEEDS_CHANGES,
)


def _ids(values) -> set[uuid.UUID]:
    found = set()
    for value in values:
        try:
            found.add(uuid.UUID(str(value)))
        except ValueError:
            continue
    return found


def _scheduled_revisions(ids=None):
    revisions = Revision.objects.filter(
        base_content_type=LiveBlogUpdate.get_base_content_type(),
        approved_go_live_at__isnull=False,
    )
    if ids is not None:
        revisions = revisions.filter(object_id__in=[str(pk) for pk in ids])
    return revisions


def scheduled_ids(ids=None) -> set[uuid.UUID]:
    """Updates (among ``ids``, if given) with a revision waiting to go live."""
    return _ids(_scheduled_revisions(ids).values_list("object_id", flat=True))


def scheduled_times(ids) -> dict[uuid.UUID, datetime]:
    """When each of these updates (those that have one) is to go live."""
    times = {}
    rows = _scheduled_revisions(ids).values_list("object_id", "approved_go_live_at")
    for object_id, go_live_at in rows:
        for key in _ids([object_id]):
            times[key] = go_live_at
    return times


#: How late a scheduled update may be before the desk says that nothing
#: runs ``publish_scheduled``.
OVERDUE_AFTER = timedelta(minutes=2)


def overdue_count(blog_id: int) -> int:
    """The blog's updates whose scheduled time passed more than
    ``OVERDUE_AFTER`` ago and that are still waiting: nothing has run
    ``publish_scheduled`` since."""
    cutoff = timezone.now() - OVERDUE_AFTER
    late = _scheduled_revisions().filter(approved_go_live_at__lt=cutoff)
    ids = _ids(late.values_list("object_id", flat=True))
    if not ids:
        return 0
    return LiveBlogUpdate.objects.filter(blog_id=blog_id, pk__in=ids).count()


def in_moderation_ids(ids=None) -> set[uuid.UUID]:
    """Updates (among ``ids``, if given) with a workflow under way."""
    states = WorkflowState.objects.filter(
        base_content_type=LiveBlogUpdate.get_base_content_type(),
        status__in=MODERATION_STATES,
    )
    if ids is not None:
        states = states.filter(object_id__in=[str(pk) for pk in ids])
    return _ids(states.values_list("object_id", flat=True))


class UpdateFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        method="filter_status",
        choices=[
            (STATUS_LIVE, _("Live")),
            (STATUS_DRAFT, _("Has a draft")),
            (STATUS_SCHEDULED, _("Scheduled")),
            (STATUS_MODERATION, _("In moderation")),
        ],
        empty_label=_("Any"),
        widget=forms.RadioSelect,
    )
    key_event = django_filters.BooleanFilter(
        label=_("Key event"), widget=BooleanRadioSelect
    )
    pinned = django_filters.BooleanFilter(label=_("Pinned"), widget=BooleanRadioSelect)

    class Meta:
        model = LiveBlogUpdate
        fields = []

    def filter_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == STATUS_LIVE:
            return queryset.filter(live=True)
        if value == STATUS_SCHEDULED:
            return queryset.filter(pk__in=scheduled_ids())
        if value == STATUS_MODERATION:
            return queryset.filter(pk__in=in_moderation_ids())
        if value == STATUS_DRAFT:
            # Never published, unpublished, or live with changes not yet out;
            # not those only waiting for their scheduled time.
            return queryset.filter(
                Q(live=False) | Q(has_unpublished_changes=True)
            ).exclude(pk__in=scheduled_ids())
        return queryset
