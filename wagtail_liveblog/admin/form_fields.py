"""What the live desk's two forms share: the fields of an update, the rich
text widget with the text block's features, and the test for empty text."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.rich_text import get_rich_text_editor_widget

from ..blocks import UpdateBodyBlock

TEXT_FEATURES = list(
    getattr(UpdateBodyBlock.base_blocks.get("text"), "features", None)
    or ["bold", "italic", "link", "ol", "ul"]
)


def has_text(html: str | None) -> bool:
    return bool(html and strip_tags(html).strip())


def text_widget():
    return get_rich_text_editor_widget(features=TEXT_FEATURES)


class UpdateFieldsMixin(forms.Form):
    """Fields shared by posting and correcting an update."""

    headline = forms.CharField(
        label=_("Headline"),
        max_length=255,
        required=False,
        help_text=_("Optional. A few words readers see in bold."),
    )
    text = forms.CharField(label=_("Text"), required=False)
    author = forms.CharField(
        label=_("Author"),
        max_length=255,
        required=False,
        help_text=_("The byline shown with the update."),
    )
    pinned = forms.BooleanField(
        label=_("Pin to the top"),
        required=False,
        help_text=_("Readers see a pinned update above all others."),
    )
    key_event = forms.BooleanField(
        label=_("Key event"),
        required=False,
        help_text=_("Listed in the blog's key events."),
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["text"].widget = text_widget()

    def clean_text(self) -> str:
        html = self.cleaned_data.get("text") or ""
        return html if has_text(html) else ""
