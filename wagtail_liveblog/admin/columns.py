"""The desk's listing columns, on ``wagtail.admin.ui.tables``.

A row is an update; the listing view loads its latest revision with it and
marks it with what else the row needs (scheduled, in moderation: see
``rows.decorate_rows``), so a page of rows costs a fixed number of queries.
"""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import (
    ButtonsColumnMixin,
    Column,
    DateColumn,
    TitleColumn,
)

from ..models.update import FIRST_WORDS

TITLE_LENGTH = 80


def row_title(update) -> str:
    """The headline, or the opening words of the update's newest version.

    The latest revision's title is what Wagtail shows for drafts; rows
    without one fall back to their own fields, read from the raw body
    (no image lookups).
    """
    revision = update.latest_revision if update.latest_revision_id else None
    if revision is not None and revision.object_str:
        return Truncator(revision.object_str).chars(TITLE_LENGTH)
    if update.headline:
        return Truncator(update.headline).chars(TITLE_LENGTH)
    for item in update.body.raw_data if update.body is not None else []:
        value = item.get("value")
        if item.get("type") == "text":
            text = strip_tags(value or "")
        elif isinstance(value, dict):
            text = value.get("text") or value.get("caption") or ""
        else:
            continue
        text = " ".join(str(text).split())
        if text:
            return Truncator(text).words(FIRST_WORDS, truncate="…")
    return str(_("Update"))


def short_time(value) -> str:
    """A date and time as the admin shows them (the user's time zone)."""
    return date_format(localtime(value), "SHORT_DATETIME_FORMAT")


def status_tags(update) -> list[tuple[str, bool]]:
    """Wagtail's status of an update as (label, primary) tags."""
    scheduled = getattr(update, "liveblog_scheduled", None)
    if scheduled is None:
        scheduled = update.approved_schedule
    if update.live:
        if scheduled:
            tags = [(_("live + scheduled"), True)]
        elif update.has_unpublished_changes:
            tags = [(_("live + draft"), True)]
        else:
            tags = [(_("live"), True)]
    elif update.expired:
        tags = [(_("expired"), False)]
    elif scheduled:
        go_live_at = getattr(update, "liveblog_go_live_at", None)
        if go_live_at is None and update.approved_schedule:
            go_live_at = update.scheduled_revision.approved_go_live_at
        tags = [
            (
                _("scheduled for %(time)s") % {"time": short_time(go_live_at)}
                if go_live_at
                else _("scheduled"),
                False,
            )
        ]
    else:
        tags = [(_("draft"), False)]
    if getattr(update, "liveblog_in_moderation", False):
        tags.append((_("in moderation"), False))
    if update.locked:
        tags.append((_("locked"), False))
    return tags


class UpdateTitleColumn(ButtonsColumnMixin, TitleColumn):
    """The update's title, linking to its editor, with the row's actions."""

    def __init__(self, *, get_url, get_buttons, **kwargs):
        super().__init__(
            "title",
            label=_("Update"),
            accessor=row_title,
            sort_key="headline",
            get_url=get_url,
            get_title_id=lambda update: f"update-{update.pk}-title",
            **kwargs,
        )
        self._get_buttons = get_buttons

    def get_buttons(self, instance, parent_context):
        return self._get_buttons(instance)


class StatusColumn(Column):
    cell_template_name = "wagtail_liveblog/admin/tables/status_cell.html"

    def __init__(self, **kwargs):
        super().__init__(
            "status", label=_("Status"), accessor=status_tags, sort_key="live", **kwargs
        )


class FlagsColumn(Column):
    """Pinned and key event."""

    cell_template_name = "wagtail_liveblog/admin/tables/flags_cell.html"

    def __init__(self, **kwargs):
        super().__init__("flags", label=_("Flags"), accessor=lambda u: u, **kwargs)


class BlogColumn(Column):
    """The update's blog, linking to its desk (the listing of all blogs)."""

    cell_template_name = "wagtail_liveblog/admin/tables/blog_cell.html"

    def __init__(self, *, get_url, **kwargs):
        super().__init__("blog", label=_("Live blog"), accessor="blog", **kwargs)
        self._get_url = get_url

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["url"] = self._get_url(instance)
        return context


def desk_columns(*, get_url, get_buttons, with_blog=False, blog_url=None):
    columns = [
        UpdateTitleColumn(get_url=get_url, get_buttons=get_buttons),
        StatusColumn(),
        FlagsColumn(),
        Column("byline", label=_("Authors")),
        DateColumn("posted_at", label=_("Posted"), sort_key="posted_at"),
        DateColumn(
            "latest_revision.created_at",
            label=_("Updated"),
            sort_key="latest_revision__created_at",
        ),
    ]
    if with_blog:
        columns.insert(1, BlogColumn(get_url=blog_url))
    return columns
