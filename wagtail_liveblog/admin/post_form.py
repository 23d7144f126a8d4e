"""The live desk's form to post a new update.

It collects what a reporter types and turns it into the StreamField-style
``body`` that ``wagtail_liveblog.editing`` takes. Problems a reporter can
fix are caught here with messages in their words; ``editing`` validates
again, and its ``ValidationError`` is shown on the form as well.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.images.widgets import AdminImageChooser

from ..update_input import check_can_use_image
from .form_fields import UpdateFieldsMixin


class PostUpdateForm(UpdateFieldsMixin):
    """A new update: headline, text, optional image and quote, flags, byline."""

    image = forms.ModelChoiceField(
        label=_("Image"),
        queryset=get_image_model().objects.all(),
        required=False,
        widget=AdminImageChooser,
        error_messages={
            "invalid_choice": _("That image does not exist any more. Choose another.")
        },
    )
    credit = forms.CharField(
        label=_("Image credit"),
        max_length=255,
        required=False,
        help_text=_('Who took or owns the picture, for example "Reuters".'),
    )
    caption = forms.CharField(label=_("Caption"), max_length=500, required=False)
    alt = forms.CharField(
        label=_("Alt text"),
        max_length=500,
        required=False,
        help_text=_(
            "Describe the picture for screen readers, if the image's own "
            "description does not fit this update."
        ),
    )
    quote = forms.CharField(
        label=_("Quote"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Optional. Shown as a pull quote."),
    )
    attribution = forms.CharField(
        label=_("Quote attribution"),
        max_length=255,
        required=False,
        help_text=_("Who said it, for example “Mayor Ana Reyes”."),
    )

    def __init__(self, *args: Any, user=None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if image is not None and self.user is not None:
            try:
                check_can_use_image(self.user, image.pk)
            except forms.ValidationError as error:
                raise forms.ValidationError(error.messages, code=error.code) from None
        return image

    field_order = [
        "headline",
        "text",
        "image",
        "credit",
        "caption",
        "alt",
        "quote",
        "attribution",
        "pinned",
        "key_event",
        "author",
    ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        image, credit = data.get("image"), (data.get("credit") or "").strip()
        if image is not None and not credit and "credit" not in self.errors:
            self.add_error("credit", _("Add a credit for the image."))
        if (
            image is None
            and "image" not in self.errors
            and (credit or (data.get("caption") or "").strip())
        ):
            self.add_error(
                "image",
                _("Choose an image for this credit and caption, or clear them."),
            )
        if (data.get("attribution") or "").strip() and not (
            data.get("quote") or ""
        ).strip():
            self.add_error(
                "quote", _("Add the quoted words, or clear the attribution.")
            )
        if not self.errors and not (
            (data.get("headline") or "").strip()
            or data.get("text")
            or image is not None
            or (data.get("quote") or "").strip()
        ):
            raise forms.ValidationError(
                _("Write a headline or some text for the update."), code="empty"
            )
        return data

    def body(self) -> list[dict[str, Any]]:
        """The update's body as ``editing.post_update`` takes it."""
        data = self.cleaned_data
        body: list[dict[str, Any]] = []
        if data.get("text"):
            body.append({"type": "text", "value": data["text"]})
        if data.get("image") is not None:
            body.append(
                {
                    "type": "image",
                    "value": {
                        "image": data["image"].pk,
                        "credit": data["credit"].strip(),
                        "caption": data.get("caption", "").strip(),
                        "alt": data.get("alt", "").strip(),
                    },
                }
            )
        if (data.get("quote") or "").strip():
            body.append(
                {
                    "type": "quote",
                    "value": {
                        "text": data["quote"].strip(),
                        "attribution": data.get("attribution", "").strip(),
                    },
                }
            )
        return body
