"""Edit the blog's key points from the desk.

``/admin/liveblog/<page id>/desk/key-points/`` (``key_points``): the blog
page's ``summary`` in Wagtail's rich text editor (the field's own widget
and features, as in the page editor). Saving publishes the page change
through ``editing.update_key_points`` (as the coverage buttons do), so it
needs publish permission on the blog: others get a 403, and no button on
the desk. Whatever goes wrong (a lock, a permission, text over the size
limit, data no browser sends), the form comes back with the reason.
"""

from __future__ import annotations

import logging

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .. import editing
from ..access import may_publish_blog
from .desk import blog_for_desk
from .scope import MALFORMED, blog_breadcrumbs, desk_url

logger = logging.getLogger(__name__)

FIELD = "summary"
#: What reading rich text data no browser sends can raise (JSON nested
#: too deeply for the parser, too).
UNREADABLE = (*MALFORMED, RecursionError)


def key_points_url(blog_id: int) -> str:
    return reverse("wagtail_liveblog:key_points", args=[blog_id])


class KeyPointsForm(forms.Form):
    """The blog's ``summary`` field, with the editor the page editor uses."""

    def __init__(self, *args, blog, **kwargs):
        kwargs["initial"] = {FIELD: blog.summary, **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)
        self.fields[FIELD] = type(blog)._meta.get_field(FIELD).formfield()
        self.unreadable = False
        if self.is_bound:
            self._check_readable(blog)

    def _check_readable(self, blog) -> None:
        """Data the editor cannot read (not its JSON, or no field at all)
        would fail again when the form is shown: show the blog's key points
        instead, with an error. A blank field is empty key points."""
        widget = self.fields[FIELD].widget
        name = self.add_prefix(FIELD)
        raw = self.data.get(name)
        if isinstance(raw, str) and not raw.strip():
            self.data = self.data.copy()
            self.data[name] = widget.format_value("")
            return
        try:
            if raw is None:
                raise ValueError(f"no {name} field")
            widget.value_from_datadict(self.data, self.files, name)
        except UNREADABLE:
            logger.info("Unreadable key points for blog %s", blog.pk, exc_info=True)
            self.unreadable = True
            self.data = self.data.copy()
            self.data[name] = widget.format_value(blog.summary)

    def clean(self):
        if self.unreadable:
            self.add_error(
                FIELD,
                _(
                    "The key points could not be read, so they are shown as "
                    "published. Make your change again, or reload the page."
                ),
            )
        return super().clean()


class KeyPointsView(WagtailAdminTemplateMixin, FormView):
    """GET: the key points form, filled in; POST: publish them."""

    template_name = "wagtail_liveblog/admin/key_points.html"
    form_class = KeyPointsForm
    page_title = _("Key points")
    header_icon = "list-ul"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.blog = blog_for_desk(request, kwargs.get("page_id"))

    def dispatch(self, request, *args, **kwargs):
        if self.blog.alias_of_id:
            return redirect(key_points_url(self.blog.liveblog_id))
        if not may_publish_blog(request.user, self.blog):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "blog": self.blog}

    def form_valid(self, form):
        try:
            changed = editing.update_key_points(
                self.blog,
                user=self.request.user,
                summary=form.cleaned_data.get(FIELD) or "",
            )
        except ValidationError as error:
            form.add_error(FIELD, error.messages)
            return self.form_invalid(form)
        except PermissionDenied as error:  # a lock on the page, too
            form.add_error(
                None,
                str(error)
                or _("You do not have permission to publish this live blog."),
            )
            return self.form_invalid(form)
        title = self.blog.get_admin_display_title()
        if changed:
            messages.success(
                self.request,
                _("Key points of '%(title)s' published.") % {"title": title},
            )
        else:
            messages.info(
                self.request,
                _("The key points of '%(title)s' are unchanged.") % {"title": title},
            )
        return redirect(desk_url(self.blog.pk))

    def form_invalid(self, form):
        messages.error(
            self.request, _("The key points could not be published. See below.")
        )
        return super().form_invalid(form)

    # -- the page -------------------------------------------------------------

    def get_page_subtitle(self):
        return self.blog.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [*blog_breadcrumbs(self.blog), {"url": "", "label": _("Key points")}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context.update(
            blog=self.blog,
            desk_url=desk_url(self.blog.pk),
            action_url=key_points_url(self.blog.pk),
            submit_button_label=_("Publish key points"),
            submit_button_active_label=_("Publishing…"),
            media=form.media,
            # The page editor's unpublished changes stay unpublished (and
            # get these key points too).
            has_page_draft=bool(
                self.blog.live
                and self.blog.has_unpublished_changes
                and self.blog.latest_revision_id != self.blog.live_revision_id
            ),
        )
        return context
