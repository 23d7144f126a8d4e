"""A site's own page types, to prove the mixin works on any base page."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from wagtail_liveblog.models import LiveBlogPageMixin


class NewsBasePage(Page):
    """A site's own base page with a field of its own."""

    kicker = models.CharField(max_length=100, blank=True)

    content_panels = Page.content_panels + [FieldPanel("kicker")]


class ElectionNightPage(LiveBlogPageMixin, NewsBasePage):
    """A custom live blog on the site's base page, with its own template."""

    constituency_count = models.PositiveIntegerField(default=0)

    content_panels = (
        NewsBasePage.content_panels
        + LiveBlogPageMixin.liveblog_panels
        + [FieldPanel("constituency_count")]
    )
    template = "testapp/election_night_page.html"
