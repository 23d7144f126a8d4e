"""The live blog page: ``LiveBlogPageMixin`` and ``LiveBlogPage``.

The page holds the blog's own fields (intro, key points, coverage times);
its updates are ``LiveBlogUpdate`` rows (``update.py``), so the page's
revisions never carry them and saving the page never touches them.

The page is also where the reader routes live (``RoutablePageMixin``), so
Wagtail's privacy rules and site routing apply to every one of them; they
are served by ``reader/views.py``. This module is the composition root of
the reader side: it imports the reader views, the API fields and the
editor panel, none of which imports it back.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from .. import access
from ..admin.panels import LiveBlogUpdatesPanel
from ..api.v2 import fields as api_fields
from ..reader import events, feeds, poll
from ..reader import views as reader_views
from ..status import coverage_status

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class LiveBlogPageMixin(RoutablePageMixin, models.Model):
    """Everything a live blog page needs, for a site's own base page."""

    #: Marks live blog page models (``LiveBlogUpdate.blog`` must be one).
    is_liveblog = True

    intro = RichTextField(
        _("intro"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("A short introduction shown above the updates."),
    )
    summary = RichTextField(
        _("key points"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_(
            "A short list of the main facts so far, shown above the updates. "
            "Keep it current as the story moves."
        ),
    )
    coverage_start = models.DateTimeField(
        _("coverage start"),
        null=True,
        blank=True,
        help_text=_("When live coverage begins. Leave empty to start at once."),
    )
    coverage_end = models.DateTimeField(
        _("coverage end"),
        null=True,
        blank=True,
        help_text=_("When live coverage ended. Readers stop polling after it."),
    )

    liveblog_panels = [
        FieldPanel("intro"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("coverage_start"), FieldPanel("coverage_end")],
            heading=_("Coverage"),
        ),
        # How many updates, the newest few, and the way to the live desk.
        LiveBlogUpdatesPanel(),
    ]

    api_fields = [
        APIField("intro", serializer=api_fields.BlogRichTextField()),
        APIField("summary", serializer=api_fields.BlogRichTextField()),
        APIField("status", serializer=api_fields.StatusField()),
        APIField("coverage_start"),
        APIField("coverage_end"),
        APIField("version", serializer=api_fields.VersionField()),
        APIField("pinned", serializer=api_fields.PinnedField()),
        APIField("key_events", serializer=api_fields.KeyEventsField()),
        APIField("latest_updates", serializer=api_fields.LatestUpdatesField()),
        APIField("updates_url", serializer=api_fields.UpdatesURLField()),
    ]

    template = "wagtail_liveblog/live_blog_page.html"

    class Meta:
        abstract = True

    # -- status ---------------------------------------------------------

    @property
    def status(self) -> str:
        """``upcoming``, ``live`` or ``ended``, derived from the coverage times."""
        return coverage_status(self.coverage_start, self.coverage_end)

    @property
    def liveblog_id(self) -> int:
        """The page whose updates this page shows: itself, or for an alias
        its source — the original blog, through aliases of aliases (a section
        holding an alias can itself be aliased)."""
        if not self.alias_of_id:
            return self.pk
        cached = self.__dict__.get("_liveblog_source_id")
        if cached is None:
            cached, seen = self.alias_of_id, {self.pk}
            while cached not in seen:
                seen.add(cached)
                source = (
                    Page.objects.filter(pk=cached)
                    .values_list("alias_of_id", flat=True)
                    .first()
                )
                if not source:
                    break
                cached = source
            self.__dict__["_liveblog_source_id"] = cached
        return cached

    # -- privacy --------------------------------------------------------

    def get_view_restrictions(self):
        """The view restrictions over this page, an alias taking its
        source's (``access.view_restrictions``), read once per instance:
        every reader request needs them twice (Wagtail's serve hook and the
        cache headers)."""
        cached = self.__dict__.get("_liveblog_view_restrictions")
        if cached is None:
            if not self.path:
                return super().get_view_restrictions()
            cached = access.view_restrictions(self)
            self.__dict__["_liveblog_view_restrictions"] = cached
        return cached

    # -- reader routes (on the page, so Wagtail's privacy rules apply) --

    @path("")
    def liveblog_index(self, request):
        return reader_views.serve_page(self, request)

    @path("updates/")
    def liveblog_updates_fragment(self, request):
        return reader_views.serve_fragment(self, request)

    @path("poll/")
    def liveblog_poll(self, request):
        return poll.poll_response(self, request)

    @path("feed/")
    def liveblog_feed(self, request):
        return feeds.serve_feed(self, request)

    @path("events/")
    def liveblog_events(self, request):
        return events.serve_events(self, request)

    def serve_update_preview(self, request, update):
        """Wagtail's preview of one update (``LiveBlogUpdate.serve_preview``)."""
        return reader_views.serve_update_preview(self, request, update)


class LiveBlogPage(LiveBlogPageMixin, Page):
    content_panels = Page.content_panels + LiveBlogPageMixin.liveblog_panels

    class Meta:
        verbose_name = _("live blog page")
        verbose_name_plural = _("live blog pages")
