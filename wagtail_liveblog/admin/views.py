"""The live desk: one blog's status, a form to post, and its recent updates.

Every write goes through ``wagtail_liveblog.editing`` (atomic, under a row
lock, published at once); these views only turn forms into calls and the
calls' errors into messages. The list of updates is read from the timeline
read model, never from the stream.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.pages.utils import get_breadcrumbs_items_for_page
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from .. import editing, timeline
from ..models import STATUS_ENDED, STATUS_LIVE, STATUS_UPCOMING, LiveBlogPageMixin
from ..stamping import load_stream
from .edit_form import EditUpdateForm, update_hash
from .entries import EntrySummary
from .post_form import PostUpdateForm

PER_PAGE = 30
PUBLISH_NEEDED = _(
    "Posting and correcting updates needs permission to publish this live blog."
)

STATUS_LABELS = {
    STATUS_UPCOMING: _("Upcoming"),
    STATUS_LIVE: _("Live"),
    STATUS_ENDED: _("Ended"),
}

FLAG_ACTIONS: dict[str, tuple[dict[str, bool], Any]] = {
    "pin": ({"pinned": True}, _("Update pinned to the top.")),
    "unpin": ({"pinned": False}, _("Update unpinned.")),
    "key-event": ({"key_event": True}, _("Update marked as a key event.")),
    "not-key-event": ({"key_event": False}, _("Update no longer a key event.")),
}


def get_liveblog(page_id: int):
    """The specific live blog page (its stream left unread), or 404."""
    page = get_object_or_404(Page, pk=page_id)
    model = page.specific_class
    if model is None or not issubclass(model, LiveBlogPageMixin):
        raise Http404("Not a live blog.")
    return model._default_manager.defer("updates").get(pk=page.pk)


def revision_update_value(revision, update_id: str) -> dict[str, Any] | None:
    """The raw value of one update in ``revision``, or None."""
    items = load_stream((revision.content or {}).get("updates")) if revision else []
    for item in items:
        if item.get("type") == "update" and str(item.get("id")) == update_id:
            return item.get("value") or {}
    return None


def live_update_value(page, update_id: str) -> dict[str, Any]:
    """The raw value of one update as it is published (never a draft), or 404."""
    value = revision_update_value(page.live_revision, update_id)
    if value is None:
        raise Http404("No such update.")
    return value


def forbidden(request: HttpRequest, message: Any) -> HttpResponse:
    """A 403 in the admin's own look (Wagtail would redirect to the dashboard)."""
    return TemplateResponse(
        request,
        "wagtail_liveblog/admin/forbidden.html",
        {"message": message},
        status=403,
    )


def add_errors(form, error: ValidationError) -> None:
    """Show an error from ``editing`` on the form, by field where it names one."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


class LiveDeskMixin(WagtailAdminTemplateMixin):
    """Loads the blog and checks permissions: edit to look, publish to write."""

    header_icon = "time"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.page = get_liveblog(kwargs["page_id"])
        permissions = self.page.permissions_for_user(request.user)
        if not permissions.can_edit():
            return forbidden(
                request, _("You do not have permission to edit this live blog.")
            )
        self.can_publish = permissions.can_publish()
        if request.method not in ("GET", "HEAD") and not self.can_publish:
            return forbidden(request, PUBLISH_NEEDED)
        try:
            return super().dispatch(request, *args, **kwargs)
        except editing.PageLocked as error:
            messages.error(
                request, str(error.args[0]) if error.args else _("This page is locked.")
            )
            return redirect(self.desk_url)
        except PermissionDenied:
            return forbidden(request, PUBLISH_NEEDED)

    @cached_property
    def desk_url(self) -> str:
        return reverse("wagtail_liveblog:desk", args=[self.page.pk])

    def get_page_subtitle(self) -> str:
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return get_breadcrumbs_items_for_page(self.page, self.request.user) + [
            {"url": self.desk_url, "label": _("Live desk")}
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            page=self.page,
            desk_url=self.desk_url,
            can_publish=self.can_publish,
            edit_page_url=reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
            live_url=self.page.url if self.page.live else None,
        )
        return context


class DeskView(LiveDeskMixin, TemplateView):
    """GET: the desk. POST: post a new update from its form."""

    template_name = "wagtail_liveblog/admin/desk.html"
    page_title = _("Live desk")

    def get_form(self) -> PostUpdateForm:
        user = self.request.user
        if self.request.method == "POST":
            return PostUpdateForm(self.request.POST, user=user)
        author = (user.get_full_name() or user.get_username()).strip()
        return PostUpdateForm(initial={"author": author}, user=user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        paginator = Paginator(timeline.live_entries(self.page.pk), PER_PAGE)
        updates = paginator.get_page(self.request.GET.get("p"))
        context.update(
            form=kwargs.get("form") or self.get_form(),
            updates=[EntrySummary(entry) for entry in updates],
            paginator_page=updates,
            elided_page_range=paginator.get_elided_page_range(updates.number),
            update_count=paginator.count,
            status=self.page.status,
            status_label=STATUS_LABELS[self.page.status],
        )
        context["media"] = context["form"].media
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.get_form()
        if form.is_valid():
            try:
                editing.post_update(
                    self.page,
                    user=request.user,
                    headline=form.cleaned_data["headline"].strip(),
                    body=form.body(),
                    pinned=form.cleaned_data["pinned"],
                    key_event=form.cleaned_data["key_event"],
                    author=form.cleaned_data["author"].strip(),
                )
            except editing.PageLocked:
                raise
            except ValidationError as error:
                add_errors(form, error)
            else:
                buttons = []
                if self.page.url:
                    buttons.append(messages.button(self.page.url, _("View live"), True))
                messages.success(request, _("Update posted. It is live now."), buttons)
                return redirect(self.desk_url)
        messages.error(request, _("The update could not be posted. Check the form."))
        return self.render_to_response(self.get_context_data(form=form), status=200)


class UpdateMixin(LiveDeskMixin):
    """A view on one update of the blog, named by its id in the URL."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.update_id = str(kwargs["update_id"])
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def entry(self):
        entry = timeline.find_entry(self.page.pk, self.update_id)
        if entry is None:
            raise Http404("No such update.")
        return EntrySummary(entry)

    def run(self, action, *args: Any, success: Any, **kwargs: Any) -> HttpResponse:
        try:
            action(self.page, self.update_id, *args, user=self.request.user, **kwargs)
        except editing.UpdateNotFound:
            raise Http404("No such update.") from None
        except editing.PageLocked:
            raise
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
        else:
            messages.success(self.request, success)
        return redirect(self.desk_url)


class EditUpdateView(UpdateMixin, TemplateView):
    template_name = "wagtail_liveblog/admin/edit_update.html"
    page_title = _("Edit update")

    def get_form(self) -> EditUpdateForm:
        """The form on the update as published; on POST, with the version the
        editor opened (from the form's hidden fields) as the base."""
        current = live_update_value(self.page, self.update_id)
        if self.request.method != "POST":
            return EditUpdateForm(value=current, revision_id=self.page.live_revision_id)
        data = self.request.POST
        base = None
        loaded = str(data.get("loaded_revision") or "")
        if loaded.isdigit():
            revision = (
                Revision.objects.for_instance(self.page).filter(pk=int(loaded)).first()
            )
            base = revision_update_value(revision, self.update_id)
        if base is None and data.get("loaded_hash") in (None, update_hash(current)):
            # Its revision is gone but the update is unchanged, or a client
            # that sends no version: the form edits the update as it is now.
            base = current
        return EditUpdateForm(
            data,
            value=base,
            current=current,
            revision_id=self.page.live_revision_id,
        )

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return super().get_breadcrumbs_items() + [
            {"url": "", "label": _("Edit update")}
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = kwargs.get("form") or self.get_form()
        context.update(form=form, media=form.media, update=self.entry)
        context["kept_items"] = [
            item.get("type")
            for index, item in enumerate(form.body_items)
            if index not in (form.text_index, form.image_index, form.quote_index)
        ]
        context["image_kept"] = form.image_index is not None
        context["has_quote"] = form.quote_index is not None
        context["kept_image"] = None
        if form.image_index is not None:
            image_id = (form.body_items[form.image_index].get("value") or {}).get(
                "image"
            )
            context["kept_image"] = (
                get_image_model().objects.filter(pk=image_id).first()
                if isinstance(image_id, int)
                else None
            )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.get_form()
        if form.is_valid():
            try:
                editing.edit_update(
                    self.page, self.update_id, user=request.user, **form.changes()
                )
            except editing.UpdateNotFound:
                raise Http404("No such update.") from None
            except editing.PageLocked:
                raise
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request, _("Update corrected. The change is live now.")
                )
                return redirect(self.desk_url)
        messages.error(request, _("The update could not be saved. Check the form."))
        return self.render_to_response(self.get_context_data(form=form))


class SetFlagView(UpdateMixin, View):
    """POST: pin/unpin an update, or mark it as a key event or not."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if kwargs["action"] not in FLAG_ACTIONS:
            raise Http404("Unknown action.")
        changes, success = FLAG_ACTIONS[kwargs["action"]]
        self.entry  # noqa: B018 - 404 for an unknown update
        return self.run(editing.edit_update, success=success, **changes)


class RemoveUpdateView(UpdateMixin, TemplateView):
    """GET: ask for confirmation. POST: remove the update."""

    template_name = "wagtail_liveblog/admin/confirm_remove.html"
    page_title = _("Remove update")

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return super().get_breadcrumbs_items() + [
            {"url": "", "label": _("Remove update")}
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["update"] = self.entry
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.entry  # noqa: B018 - 404 for an unknown update
        return self.run(
            editing.remove_update,
            success=_("Update removed. Readers no longer see it."),
        )


class CoverageView(LiveDeskMixin, View):
    """POST: start or end the blog's coverage."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        action = kwargs["action"]
        if action == "start":
            run, success = (
                editing.start_coverage,
                _("Coverage started. The blog is live."),
            )
        elif action == "end":
            run, success = (
                editing.end_coverage,
                _("Coverage ended. Readers' pages stop checking for updates."),
            )
        else:
            raise Http404("Unknown action.")
        try:
            run(self.page, user=request.user)
        except editing.PageLocked:
            raise
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, success)
        return redirect(self.desk_url)
