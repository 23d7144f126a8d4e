"""Preview from the quick composer, without saving: the update as readers
will see it, in its blog's own page (``LiveBlogUpdate.serve_preview``,
Wagtail's preview machinery, as the full editor's Preview uses).

The composer's Preview button posts the form to this view in a new tab
(``formaction`` / ``formtarget``): nothing is written, the desk keeps
everything typed.
"""

from __future__ import annotations

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views import View

from .. import access
from .composer import Composer
from .scope import blog_breadcrumbs, desk_url, find_liveblog


class ComposerPreviewView(View):
    http_method_names = ["post"]

    def post(self, request, page_id):
        blog = find_liveblog(page_id)
        if blog.alias_of_id:
            blog = find_liveblog(blog.alias_of_id)
        if not access.may_edit_blog(request.user, blog):
            raise Http404(_("No such live blog."))
        composer = Composer(request, blog, request.POST)
        update = composer.preview_update()
        if update is None:
            return TemplateResponse(
                request,
                "wagtail_liveblog/admin/composer_preview_error.html",
                {
                    "form": composer.form,
                    "blog": blog,
                    "desk_url": desk_url(blog.pk),
                    "breadcrumbs_items": blog_breadcrumbs(blog),
                },
                status=400,
            )
        return update.make_preview_request(request, update.default_preview_mode)
