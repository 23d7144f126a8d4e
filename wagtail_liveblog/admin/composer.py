"""The quick composer on top of the desk: the common case in one submit.

Headline, the full body StreamField (Wagtail's own StreamField UI), pinned,
key event, with one primary button: Publish for users who may
publish the blog, otherwise Submit for moderation (when the blog has a
workflow) or Save draft. Users who may publish can also schedule: "Publish
at…" takes a time, and the update goes live then (Wagtail's scheduled
publishing: a revision with its ``approved_go_live_at``, published by
``publish_scheduled``, as the full editor's Schedule does). Whatever goes wrong (a missing credit, a
colleague's lock, a permission, data no browser sends), the desk comes
back with everything that was typed and the reason next to it.

The update is written by ``editing.post_update`` (the same path as the
write API and chat ingest: revisions, history, permissions and the read
model), and "Submit for moderation" starts the blog's workflow on it, as
Wagtail's own create view does.
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import QueryDict
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.models import WagtailAdminModelForm
from wagtail.admin.panels import get_form_for_model

from .. import editing
from ..models.authors import LiveBlogUpdateAuthor, byline, user_name
from ..models.update import LiveBlogUpdate
from ..permissions import permission_policy
from .composer_authors import add_author_fields, credited
from .scope import MALFORMED

logger = logging.getLogger(__name__)

PREFIX = "composer"
ACTION_FIELD = f"{PREFIX}-action"
FIELDS = ["headline", "body", "pinned", "key_event"]
#: More body blocks than any update holds: the rest are not looked at.
MAX_BLOCKS = 1000

PUBLISH = "publish"
SCHEDULE = "schedule"
SUBMIT = "submit"
DRAFT = "draft"
#: The browser's own date and time picker (it leaves the Schedule button in
#: view, as Wagtail's pop-up calendar does not).
DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    active_label: str


class ComposerForm(WagtailAdminModelForm):
    """The update's own fields, and when to publish it (Schedule only)."""

    go_live_at = forms.DateTimeField(
        label=_("Publish at"),
        required=False,
        input_formats=[DATETIME_LOCAL, "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local"}, format=DATETIME_LOCAL
        ),
    )

    class Meta:
        model = LiveBlogUpdate
        fields = FIELDS


def composer_form_class():
    return get_form_for_model(LiveBlogUpdate, form_class=ComposerForm, fields=FIELDS)


def _is_empty_draftail(value: str | None) -> bool:
    """Whether a Draftail (rich text) value holds no text at all (an editor
    never typed into submits nothing)."""
    if value is None or value.strip() in ("", "null"):
        return True
    try:
        state = json.loads(value or "")
    except (TypeError, ValueError):
        return False
    if not isinstance(state, dict) or state.get("entityMap"):
        return False
    blocks = state.get("blocks")
    if not isinstance(blocks, list):
        return False
    return all(
        isinstance(block, dict)
        and block.get("type") != "atomic"
        and not str(block.get("text") or "").strip()
        for block in blocks
    )


def drop_empty_text(data: QueryDict) -> QueryDict:
    """Mark text blocks left empty as deleted, so that the composer's
    starting text block is no error when the update is a picture or a
    headline alone."""
    field = f"{PREFIX}-body"
    try:
        count = min(int(data.get(f"{field}-count") or 0), MAX_BLOCKS)
    except (TypeError, ValueError):
        return data  # malformed: validation says so
    data = data.copy()
    for n in range(count):
        if (
            data.get(f"{field}-{n}-type") == "text"
            and data.get(f"{field}-{n}-deleted") not in ("1", "true")
            and _is_empty_draftail(data.get(f"{field}-{n}-value"))
        ):
            data[f"{field}-{n}-deleted"] = "1"
    return data


class Composer:
    """The composer of one blog's desk, for one user (bound on POST)."""

    def __init__(self, request, blog, data: QueryDict | None = None):
        self.request = request
        self.blog = blog
        self.user = request.user
        self.malformed = False
        self.form = self._form(drop_empty_text(data) if data is not None else None)

    def _form(self, data):
        instance = LiveBlogUpdate(
            blog=self.blog,
            # Ready to type into: one text block, dropped if left empty.
            body=[{"type": "text", "value": "", "id": str(uuid.uuid4())}],
        )
        form = composer_form_class()(
            data, instance=instance, prefix=PREFIX, for_user=self.user
        )
        add_author_fields(form, self.blog, self.user)
        return form

    # -- what the user may do -------------------------------------------------

    @cached_property
    def can_publish(self) -> bool:
        return permission_policy.user_has_permission_for_instance(
            self.user, "publish", LiveBlogUpdate(blog=self.blog)
        )

    @cached_property
    def workflow(self):
        if not getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True):
            return None
        return LiveBlogUpdate(blog=self.blog).get_workflow()

    @cached_property
    def actions(self) -> list[Action]:
        """The submit buttons, the primary one first."""
        draft = Action(DRAFT, _("Save draft"), _("Saving…"))
        if self.can_publish:
            return [
                Action(PUBLISH, _("Publish"), _("Publishing…")),
                draft,
                Action(SCHEDULE, _("Schedule"), _("Scheduling…")),
            ]
        if self.workflow is not None:
            return [
                Action(SUBMIT, _("Submit for moderation"), _("Submitting…")),
                draft,
            ]
        return [draft]

    @property
    def primary(self) -> Action:
        return self.actions[0]

    @property
    def secondary(self) -> list[Action]:
        """The other buttons beside the primary one (Schedule has its own
        place, beside its time)."""
        return [a for a in self.actions[1:] if a.name != SCHEDULE]

    @property
    def can_schedule(self) -> bool:
        return any(a.name == SCHEDULE for a in self.actions)

    @property
    def schedule_open(self) -> bool:
        """Whether "Publish at…" starts open: it holds a time or an error."""
        field = self.form["go_live_at"]
        return bool(self.form.is_bound and (field.value() or field.errors))

    @property
    def media(self):
        return self.form.media

    # -- posting --------------------------------------------------------------

    def chosen_action(self) -> str:
        name = (self.request.POST.get(ACTION_FIELD) or "").strip()
        return name or self.primary.name

    def is_valid(self) -> bool:
        try:
            return self.form.is_valid()
        except MALFORMED:
            # A body no browser sends: keep the rest, say what happened.
            logger.info(
                "Unreadable composer body from user %s", self.user.pk, exc_info=True
            )
            self.malformed = True
            data = self.form.data.copy()
            for key in [k for k in data if k.startswith(f"{PREFIX}-body")]:
                del data[key]
            data[f"{PREFIX}-body-count"] = "0"
            self.form = self._form(data)
            self.form.is_valid()
            self.form.add_error(
                None,
                _(
                    "The body could not be read. Add its text and images again, "
                    "or reload the desk."
                ),
            )
            return False

    def preview_update(self) -> LiveBlogUpdate | None:
        """The update as typed, unsaved (for a preview), or None (the errors
        are on the form)."""
        if not self.is_valid():
            return None
        try:
            chosen = self.credited() or [self.user]
        except ValidationError as error:
            self.form.add_error(None, error.messages)
            return None
        update = self.form.save(commit=False)
        update.blog = self.blog
        update.authors = [
            LiveBlogUpdateAuthor(name=a)
            if isinstance(a, str)
            else LiveBlogUpdateAuthor(user=a)
            for a in chosen
        ]
        return update

    def credited(self) -> list:
        """The authors chosen in the form, in byline order (the poster
        first, colleagues, then names); empty: the poster."""
        return credited(self.form.cleaned_data, self.user)

    @property
    def byline(self) -> str:
        """The byline the form starts with, or holds."""
        chosen = [self.user]
        if self.form.is_bound and hasattr(self.form, "cleaned_data"):
            try:
                chosen = self.credited() or chosen
            except ValidationError:
                pass
        return byline([user_name(a) if not isinstance(a, str) else a for a in chosen])

    def post(self) -> tuple[str, str] | None:
        """Post the update; its id and the action taken, or None (the errors
        are on the form)."""
        if not self.is_valid():
            return None
        action = self.chosen_action()
        if action not in {a.name for a in self.actions}:
            self.form.add_error(
                None,
                _("You do not have permission to publish updates of this live blog.")
                if action == PUBLISH
                else _("This action is not available."),
            )
            return None
        data = self.form.cleaned_data
        go_live_at = data.get("go_live_at") if action == SCHEDULE else None
        if action == SCHEDULE and not self.valid_schedule(go_live_at):
            return None
        body = data.get("body")
        try:
            update_id = editing.post_update(
                self.blog,
                user=self.user,
                headline=data.get("headline") or "",
                body=list(body.get_prep_value()) if body is not None else [],
                pinned=bool(data.get("pinned")),
                key_event=bool(data.get("key_event")),
                authors=self.credited() or None,
                publish=action == PUBLISH,
                go_live_at=go_live_at,
            )
        except ValidationError as error:
            self.form.add_error(None, error.messages)
            return None
        except PermissionDenied as error:
            self.form.add_error(
                None,
                str(error)
                or _("You do not have permission to post to this live blog."),
            )
            return None
        if action == SUBMIT:
            update = LiveBlogUpdate.objects.get(pk=update_id)
            self.workflow.start(update, self.user)
        return update_id, action

    def valid_schedule(self, go_live_at) -> bool:
        if go_live_at is None:
            self.form.add_error("go_live_at", _("Choose when to publish the update."))
            return False
        if go_live_at <= timezone.now():
            self.form.add_error(
                "go_live_at", _("Choose a time in the future, or publish now.")
            )
            return False
        return True
