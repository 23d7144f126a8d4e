"""The "Updates" panel of the live blog page editor.

By default (``INLINE_EDITING`` off) the page editor does not carry the
``updates`` stream at all: this panel shows a read-only summary of the
published updates (how many, the newest few) with a link to the live desk,
where updates are written one at a time. With ``INLINE_EDITING`` on, the
panel is the ordinary StreamField panel.

The setting is read each time Wagtail builds the editor form, so changing
it (or overriding it in a test) takes effect without a restart.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, Panel

from . import conf
from .admin.entries import EntrySummary

SUMMARY_SIZE = 5


def inline_editing() -> bool:
    # Lenient: Wagtail builds edit forms during `manage.py check`.
    return bool(conf.get("INLINE_EDITING", strict=False))


class LiveBlogUpdatesPanel(Panel):
    """The StreamField when inline editing is on, else a read-only summary."""

    def __init__(self, field_name: str = "updates", **kwargs: Any):
        kwargs.setdefault("heading", _("Updates"))
        super().__init__(**kwargs)
        self.field_name = field_name

    def clone_kwargs(self) -> dict[str, Any]:
        kwargs = super().clone_kwargs()
        kwargs["field_name"] = self.field_name
        return kwargs

    @property
    def clean_name(self) -> str:
        return self.field_name

    def on_model_bound(self) -> None:
        self.field_panel = FieldPanel(self.field_name).bind_to_model(self.model)

    def get_form_options(self) -> dict[str, Any]:
        if inline_editing():
            return self.field_panel.get_form_options()
        return {}

    def get_bound_panel(self, instance=None, request=None, form=None, prefix="panel"):
        if form is not None and self.field_name in form.fields:
            return self.field_panel.get_bound_panel(
                instance=instance, request=request, form=form, prefix=prefix
            )
        return super().get_bound_panel(
            instance=instance, request=request, form=form, prefix=prefix
        )

    class BoundPanel(Panel.BoundPanel):
        template_name = "wagtail_liveblog/admin/updates_panel.html"

        def get_context_data(self, parent_context=None):
            from . import timeline

            context = super().get_context_data(parent_context)
            page = self.instance
            context["desk_url"] = None
            context["count"] = 0
            context["latest"] = []
            if page is not None and page.pk:
                context["count"] = timeline.count(page.pk)
                context["latest"] = [
                    EntrySummary(entry)
                    for entry in timeline.live_entries(page.pk).only(
                        "update_id", "headline", "posted_at", "author", "data"
                    )[:SUMMARY_SIZE]
                ]
                context["desk_url"] = reverse("wagtail_liveblog:desk", args=[page.pk])
            return context
