"""Start and end the coverage from the desk.

Both publish the blog page (``editing.start_coverage`` / ``end_coverage``),
so they need publish permission on it. Ending asks first: the desk opens a
confirmation dialog, and the end URL itself shows a confirmation page
(the same question, for a link opened on its own). Ending never rewrites
when the coverage started.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .. import editing
from ..access import may_publish_blog
from .desk import blog_for_desk
from .scope import desk_url


class CoverageView(WagtailAdminTemplateMixin, TemplateView):
    """POST: start (``start=True``) or end the blog's coverage now."""

    start = True
    http_method_names = ["post"]

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.blog = blog_for_desk(request, kwargs.get("page_id"))

    def post(self, request, *args, **kwargs):
        change = editing.start_coverage if self.start else editing.end_coverage
        try:
            change(self.blog, user=request.user)
        except PermissionDenied as error:
            messages.error(
                request,
                str(error)
                or _("You do not have permission to publish this live blog."),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, self.done_message())
        return redirect(desk_url(self.blog.pk))

    def done_message(self) -> str:
        title = self.blog.get_admin_display_title()
        if self.start:
            return _("Coverage of '%(title)s' started: the blog is live.") % {
                "title": title
            }
        return _("Coverage of '%(title)s' ended: readers' pages stop updating.") % {
            "title": title
        }


class EndCoverageView(CoverageView):
    """GET: the confirmation page; POST: end the coverage."""

    start = False
    http_method_names = ["get", "post"]
    template_name = "wagtail_liveblog/admin/confirm_end_coverage.html"
    page_title = _("End coverage")
    header_icon = "time"

    def get(self, request, *args, **kwargs):
        if not may_publish_blog(request.user, self.blog):
            raise PermissionDenied
        return super().get(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.blog.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(blog=self.blog, desk_url=desk_url(self.blog.pk))
        return context
