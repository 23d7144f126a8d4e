"""The endpoint form of the admin: events as checkboxes, and either all
blogs or some chosen ones."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .events import EVENT_CHOICES, EVENT_TYPES


class WebhookEndpointForm(WagtailAdminModelForm):
    events = forms.MultipleChoiceField(
        label=_("Events"),
        choices=EVENT_CHOICES,
        initial=EVENT_TYPES,  # a new endpoint: everything
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one event.")},
        help_text=_("What to send."),
    )

    def clean(self):
        cleaned = super().clean()
        links = self.formsets.get("blog_links")
        if not cleaned.get("all_blogs") and links is not None and links.is_valid():
            chosen = [
                form
                for form in links.forms
                if form.cleaned_data.get("blog") and not form.cleaned_data.get("DELETE")
            ]
            if not chosen:
                self.add_error(
                    "all_blogs",
                    _("Choose some live blogs below, or send the events of all."),
                )
        return cleaned
