"""The live desk's form to correct a published update.

Only the fields the editor changed are sent to ``editing.edit_update``;
a colleague's change to the same field since the form was opened is a
form error instead of being overwritten.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateTimeInput

from ..merge import BLOCK_KEY
from ..rendering import parse_time
from .form_fields import UpdateFieldsMixin, text_widget

BODY_FIELDS = ("text", "credit", "caption", "quote", "attribution")
SIMPLE_FIELDS = ("headline", "author", "pinned", "key_event", "posted_at")
STALE_MESSAGE = _(
    "Someone else changed this update while you were editing: reload to see "
    "their version."
)


def _minute(value):
    return value.replace(second=0, microsecond=0)


def update_hash(value: dict[str, Any] | None) -> str:
    """A digest of everything in an update value (flags and times included)."""
    encoded = json.dumps(value or {}, sort_keys=True, default=str)
    return hashlib.blake2b(encoded.encode(), digest_size=16).hexdigest()


def _round_trip(html: str) -> str:
    """``html`` as the text widget gives it back unchanged (shown, then posted)."""
    widget = text_widget()
    try:
        return widget.value_from_datadict({"t": widget.format_value(html)}, {}, "t")
    except Exception:  # HTML the converter cannot read: compare it as it is
        return html


class EditUpdateForm(UpdateFieldsMixin):
    """Correct a published update.

    The text field edits the update's first text block. Other body items
    (images, quotes, further text blocks) are kept as they are; the credit
    and caption of the first image and the first quote can be corrected
    here too. ``posted_at`` corrects the time the update shows.

    ``value`` is the update as the editor saw it when the form was opened
    (its hidden ``loaded_revision`` and ``loaded_hash`` say which), ``current``
    the update as it is published now. Only the fields the editor changed are
    sent (:meth:`changes`); when a colleague changed the same field since the
    form was opened, the form has an error instead of overwriting their work.
    ``value`` None means the version the form was opened on is gone: any
    change the editor made then counts as a conflict if the update changed.
    """

    posted_at = forms.DateTimeField(
        label=_("Posted at"),
        required=False,
        widget=AdminDateTimeInput,
        help_text=_("Change only to correct the time shown with the update."),
    )
    loaded_revision = forms.IntegerField(required=False, widget=forms.HiddenInput)
    loaded_hash = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        value: dict[str, Any] | None,
        current: dict[str, Any] | None = None,
        revision_id: int | None = None,
        **kwargs: Any,
    ):
        self.current = current if current is not None else value
        self.base_known = value is not None
        value = self.current if value is None else value
        self.value = value
        self.body_items = [dict(item) for item in value.get("body") or []]
        self.text_index = self._first("text")
        self.image_index = self._first("image")
        self.quote_index = self._first("quote")
        initial = {
            "headline": value.get("headline") or "",
            "author": value.get("author") or "",
            "pinned": bool(value.get("pinned")),
            "key_event": bool(value.get("key_event")),
            "posted_at": parse_time(value.get("posted_at")),
            "loaded_revision": revision_id,
            "loaded_hash": update_hash(value),
        }
        if self.text_index is not None:
            initial["text"] = self.body_items[self.text_index].get("value") or ""
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        if self.image_index is not None:
            image = self.body_items[self.image_index].get("value") or {}
            self.fields["credit"] = forms.CharField(
                label=_("Image credit"),
                max_length=255,
                initial=image.get("credit", ""),
                error_messages={"required": _("Add a credit for the image.")},
            )
            self.fields["caption"] = forms.CharField(
                label=_("Caption"),
                max_length=500,
                required=False,
                initial=image.get("caption", ""),
            )
        if self.quote_index is not None:
            quote = self.body_items[self.quote_index].get("value") or {}
            self.fields["quote"] = forms.CharField(
                label=_("Quote"),
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=quote.get("text", ""),
                error_messages={"required": _("A quote needs its words.")},
            )
            self.fields["attribution"] = forms.CharField(
                label=_("Quote attribution"),
                max_length=255,
                required=False,
                initial=quote.get("attribution", ""),
            )
        self.order_fields(
            [
                "headline",
                "text",
                "credit",
                "caption",
                "quote",
                "attribution",
                "pinned",
                "key_event",
                "author",
                "posted_at",
            ]
        )

    def _first(self, kind: str) -> int | None:
        for index, item in enumerate(self.body_items):
            if item.get("type") == kind:
                return index
        return None

    def edited_fields(self) -> list[str]:
        """The fields the editor changed from the version they opened."""
        data = self.cleaned_data
        edited = []
        for name in SIMPLE_FIELDS + BODY_FIELDS:
            if name not in self.fields or name not in data:
                continue
            old, new = self.initial.get(name), data.get(name)
            if name == "posted_at":
                changed = new is not None and (
                    old is None or _minute(new) != _minute(old)
                )
            elif name in ("pinned", "key_event"):
                changed = bool(new) != bool(old)
            elif name == "text":
                changed = BLOCK_KEY.sub("", new or "") != BLOCK_KEY.sub(
                    "", _round_trip(old) if old else ""
                )
            else:
                changed = (new or "").strip() != (old or "").strip()
            if changed:
                edited.append(name)
        return edited

    def conflicts(self) -> list[str]:
        """Edited fields a colleague changed too since the form was opened."""
        if update_hash(self.value) == update_hash(self.current) and self.base_known:
            return []
        edited = self.edited_fields()
        if not self.base_known:
            return edited
        conflicting = [
            name
            for name in edited
            if name in SIMPLE_FIELDS and self.value.get(name) != self.current.get(name)
        ]
        if any(name in BODY_FIELDS for name in edited) and self.value.get(
            "body"
        ) != self.current.get("body"):
            conflicting.append("body")
        return conflicting

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        others = [
            item
            for index, item in enumerate(self.body_items)
            if index != self.text_index
        ]
        if not self.errors and not (
            (data.get("headline") or "").strip() or data.get("text") or others
        ):
            raise forms.ValidationError(
                _("Write a headline or some text for the update."), code="empty"
            )
        if not self.errors and self.conflicts():
            raise forms.ValidationError(STALE_MESSAGE, code="stale")
        return data

    def new_body(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        items = [dict(item) for item in self.body_items]
        if self.image_index is not None:
            value = dict(items[self.image_index].get("value") or {})
            value["credit"] = data["credit"].strip()
            value["caption"] = (data.get("caption") or "").strip()
            items[self.image_index] = {**items[self.image_index], "value": value}
        if self.quote_index is not None:
            value = dict(items[self.quote_index].get("value") or {})
            value["text"] = data["quote"].strip()
            value["attribution"] = (data.get("attribution") or "").strip()
            items[self.quote_index] = {**items[self.quote_index], "value": value}
        if self.text_index is not None:
            if data.get("text"):
                items[self.text_index] = {
                    **items[self.text_index],
                    "value": data["text"],
                }
            else:
                del items[self.text_index]
        elif data.get("text"):
            items.insert(0, {"type": "text", "value": data["text"]})
        return items

    def changes(self) -> dict[str, Any]:
        """What the editor changed, as keyword arguments for ``editing.edit_update``.

        Fields left as they were are not sent, so a colleague's change to
        them made meanwhile stays.
        """
        data = self.cleaned_data
        edited = self.edited_fields()
        changes: dict[str, Any] = {}
        for name in SIMPLE_FIELDS:
            if name in edited:
                value = data.get(name)
                changes[name] = value.strip() if isinstance(value, str) else value
        if any(name in BODY_FIELDS for name in edited):
            changes["body"] = self.new_body()
        return changes
