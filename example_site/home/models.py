"""The example site's home page: a front page listing the live blogs."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, get_page_models

from wagtail_liveblog.models import LiveBlogPageMixin


def live_blog_models() -> list[type[Page]]:
    """Every page type built on the live blog mixin."""
    return [m for m in get_page_models() if issubclass(m, LiveBlogPageMixin)]


class HomePage(Page):
    intro = RichTextField(_("intro"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        blogs = (
            Page.objects.live()
            .public()
            .type(*live_blog_models())
            .specific()
            .order_by("-last_published_at")
        )
        context["liveblogs"] = blogs
        return context
