"""``LiveBlogUpdate``: one update of a live blog, a row of its own.

Each update has Wagtail's own life cycle: drafts and publishing
(``DraftStateMixin``, with ``go_live_at``/``expire_at`` scheduling through
``publish_scheduled``), its own history (``RevisionMixin``), locks,
approval workflows (the blog page's workflow) and preview. Posting one is
O(1) in the size of the blog.

The row is also the read model. As with Wagtail pages, a live update's row
holds its published content (drafts live in revisions); when that content
is written (at publish) the row also stores the HTML and API data readers
get and the blog version of the change, so every reader path is one
indexed query. ``update_changes.py`` keeps them in step with each save and
delete; see ``timeline.py`` for versions and tombstones.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel
from wagtail.actions.unpublish import UnpublishAction
from wagtail.fields import StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)

from .. import access, limits
from ..blocks import UpdateBodyBlock
from ..db import write_transaction
from ..readmodel.render import reader_locale, render_update_html
from ..readmodel.serialize import update_data
from ..text import strip_control_characters
from . import timeline
from .authors import byline
from .timeline import PAGE_MODEL
from .update_changes import (
    READ_MODEL_FIELDS,
    READER_FIELDS,
    STORED_FIELDS,
    refresh_read_model,
)

FIRST_WORDS = 12


class PublishNotAllowed(PermissionDenied):
    """The user may not publish updates of this live blog."""


class LiveBlogUpdate(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    ClusterableModel,
):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    blog = models.ForeignKey(
        PAGE_MODEL,
        on_delete=models.CASCADE,
        related_name="liveblog_updates",
        verbose_name=_("live blog"),
    )
    headline = models.CharField(_("headline"), max_length=255, blank=True)
    body = StreamField(UpdateBodyBlock(), blank=True, verbose_name=_("body"))
    pinned = models.BooleanField(
        _("pinned"), default=False, help_text=_("Show this update at the top.")
    )
    key_event = models.BooleanField(
        _("key event"),
        default=False,
        help_text=_("List this update among the key events."),
    )
    posted_at = models.DateTimeField(
        _("posted at"),
        null=True,
        blank=True,
        help_text=_(
            "Filled in when the update is first published; change it only to "
            "correct it."
        ),
    )
    updated_at = models.DateTimeField(
        _("updated at"), null=True, blank=True, editable=False
    )

    # The read model, written when the update is published.
    html = models.TextField(blank=True, editable=False)
    data = models.JSONField(default=dict, blank=True, editable=False)
    changed_version = models.PositiveBigIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("live blog update")
        verbose_name_plural = _("live blog updates")
        indexes = [
            # Windows and load more: newest first.
            models.Index(
                fields=["blog", "-posted_at", "-id"],
                condition=Q(live=True),
                name="liveblog_update_reading",
            ),
            # Pinned updates and key events, newest first, without walking
            # past every other update of a blog that has few of them.
            models.Index(
                fields=["blog", "-posted_at", "-id"],
                condition=Q(live=True, pinned=True),
                name="liveblog_update_pinned",
            ),
            models.Index(
                fields=["blog", "-posted_at", "-id"],
                condition=Q(live=True, key_event=True),
                name="liveblog_update_key_events",
            ),
            # The change feed: what changed after a version.
            models.Index(
                fields=["blog", "changed_version", "id"],
                condition=Q(live=True),
                name="liveblog_update_changes",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and READER_FIELDS.isdisjoint(update_fields):
            super().save(*args, **kwargs)
            return
        # Whatever wrote it (a form, a script), the headline never carries
        # characters the feed cannot (nor do authors' names: their save).
        self.headline = strip_control_characters(self.headline or "")
        with write_transaction():
            timeline.lock_blog(self.blog_id)
            after_save = refresh_read_model(self)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, *STORED_FIELDS}
            super().save(*args, **kwargs)
            after_save()

    def delete(self, *args: Any, **kwargs: Any):
        with write_transaction():
            return super().delete(*args, **kwargs)

    @property
    def title(self) -> str:
        """The headline, or the opening words when there is none."""
        return self.headline or self.first_words() or str(_("Update"))

    @property
    def anchor(self) -> str:
        return f"update-{self.id}"

    @property
    def author_names(self) -> list[str]:
        """The authors' names, in byline order."""
        return [author.display_name for author in self.authors.all()]

    @property
    def byline(self) -> str:
        """The authors, as a byline: "Ana Reyes and Tom Li"."""
        return byline(self.author_names)

    def first_words(self, words: int = FIRST_WORDS) -> str:
        """The opening words of the update's text, quote or image caption
        (from the stored API data when the body was not loaded)."""
        if "body" in self.get_deferred_fields():
            items = [
                (item.get("type"), item.get("value"))
                for item in (self.data or {}).get("body") or []
            ]
        else:
            items = [(child.block_type, child.value) for child in self.body or []]
        for kind, value in items:
            if kind == "text":
                text = strip_tags(getattr(value, "source", value) or "")
            elif kind == "quote":
                text = (value or {}).get("text") or ""
            elif kind == "image":
                text = (value or {}).get("caption") or ""
            else:
                continue
            text = " ".join(str(text).split())
            if text:
                return Truncator(text).words(words, truncate="…")
        return ""

    # -- validation -------------------------------------------------------------

    def clean(self) -> None:
        super().clean()
        self.headline = strip_control_characters(self.headline or "").strip()
        if self.blog_id is not None:
            model = self.blog.specific_class
            if model is None or not getattr(model, "is_liveblog", False):
                raise ValidationError(
                    {"blog": _("Updates can only be posted to a live blog page.")}
                )
        if not (self.headline or "").strip() and not len(self.body or []):
            raise ValidationError(
                {"body": _("An update needs a headline or some body content.")}
            )
        self.check_limits()

    def check_limits(self) -> None:
        """The site's limits on one update (``limits.py``), and dates every
        time zone can hold, as field errors."""
        errors: dict[str, list[ValidationError]] = {}
        try:
            limits.check_headline(self.headline or "")
        except ValidationError as error:
            errors["headline"] = [error]
        try:
            limits.check_body(limits.stream_items(self.body))
        except ValidationError as error:
            errors["body"] = error.error_list
        for name in ("posted_at", "go_live_at", "expire_at"):
            try:
                limits.check_date(getattr(self, name, None), name)
            except ValidationError as error:
                errors[name] = [error]
        if errors:
            raise ValidationError(errors)

    # -- revisions ------------------------------------------------------------------

    def serializable_data(self) -> dict[str, Any]:
        """A revision holds the content only, not the stored HTML and API data."""
        data = super().serializable_data()
        for name in READ_MODEL_FIELDS:
            data.pop(name, None)
        return data

    def with_content_json(self, content: dict[str, Any]):
        obj = super().with_content_json(content)
        for name in READ_MODEL_FIELDS:
            setattr(obj, name, getattr(self, name))
        return obj

    # -- workflow, permissions, preview: those of the blog page -------------------

    def get_workflow(self):
        """Updates go through the approval workflow of their blog page."""
        if self.blog_id is None:
            return None
        return self.blog.get_workflow()

    def user_can_publish(self, user) -> bool:
        return self.blog_id is not None and access.may_publish_blog(user, self.blog)

    def publish(self, revision, user=None, *args: Any, **kwargs: Any):
        """Publish ``revision``; ``user`` needs publish permission on the blog.

        Wagtail checks the model-wide "publish" permission; here it is the
        blog page's, checked for this update.
        """
        if (
            user is not None
            and not kwargs.get("skip_permission_checks")
            and not self.user_can_publish(user)
        ):
            raise PublishNotAllowed(
                _("You do not have permission to publish updates of this live blog.")
            )
        kwargs["skip_permission_checks"] = True
        with write_transaction():
            return super().publish(revision, user, *args, **kwargs)

    def unpublish(
        self,
        set_expired: bool = False,
        commit: bool = True,
        user=None,
        log_action: bool = True,
    ):
        """Take the update off; ``user`` needs publish permission on the blog
        (Wagtail 7.4 would ask the update for page-style permissions)."""
        if user is not None and not self.user_can_publish(user):
            raise PublishNotAllowed(
                _("You do not have permission to unpublish updates of this live blog.")
            )
        with write_transaction():
            return UnpublishAction(
                self,
                set_expired=set_expired,
                commit=commit,
                user=user,
                log_action=log_action,
            ).execute(skip_permission_checks=True)

    def get_preview_template(self, request, mode_name, **kwargs: Any) -> str:
        return self.blog.specific.get_template(request)

    def serve_preview(self, request, mode_name):
        """The update in its blog's own page, at the top of the latest updates."""
        return self.blog.specific.serve_update_preview(request, self)

    # -- the read model ---------------------------------------------------------

    def render_for_readers(self) -> None:
        """Make what readers get from the current content: the stored HTML
        and API data, in the site's language and time zone. The one place
        the read model is made (a publish, an import)."""
        with reader_locale(lambda: self.blog):
            self.data = update_data(self)
            self.html = render_update_html(self)
