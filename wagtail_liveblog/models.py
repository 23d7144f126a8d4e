"""Page models of a live blog and the tables of its read model.

``LiveBlogPageMixin`` holds everything a live blog needs so that a site can
put it on its own base page; ``LiveBlogPage`` is the ready-made page type.
``LiveBlogTimeline`` and ``TimelineEntry`` are the read model that every
reader path queries (see ``timeline.py`` for how it is kept in sync).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager

from .api import fields as api_field_types
from .blocks import UpdatesStreamBlock
from .panels import LiveBlogUpdatesPanel

# Wagtail 8 lets a site swap the base page model; Wagtail 7.4 cannot.
PAGE_MODEL = getattr(settings, "WAGTAIL_PAGE_MODEL", "wagtailcore.Page")

STATUS_UPCOMING = "upcoming"
STATUS_LIVE = "live"
STATUS_ENDED = "ended"


def coverage_status(start, end) -> str:
    """``upcoming``, ``live`` or ``ended`` for coverage times (either may be None)."""
    now = timezone.now()
    if end and end <= now:
        return STATUS_ENDED
    if start and start > now:
        return STATUS_UPCOMING
    return STATUS_LIVE


class LiveBlogPageManager(PageManager):
    """Leaves the (potentially huge) ``updates`` column unread.

    Wagtail loads a routed page through the model's default manager, so this
    keeps every reader request from parsing the whole stream; the field is
    still loaded on first access for code that needs it.
    """

    def get_queryset(self):
        return super().get_queryset().defer("updates")


class LiveBlogPageMixin(RoutablePageMixin, models.Model):
    intro = RichTextField(
        _("intro"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("A short summary shown above the updates."),
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
    updates = StreamField(UpdatesStreamBlock(), blank=True, verbose_name=_("updates"))

    objects = LiveBlogPageManager()

    liveblog_panels = [
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("coverage_start"), FieldPanel("coverage_end")],
            heading=_("Coverage"),
        ),
        # A read-only summary with a link to the live desk, or the StreamField
        # itself when WAGTAIL_LIVEBLOG["INLINE_EDITING"] is on (see panels.py).
        LiveBlogUpdatesPanel(),
    ]

    # The pages endpoint (API v2 and v3) reads the read model, never the
    # stream: ``updates`` is deliberately not an API field.
    api_fields = [
        APIField("intro"),
        APIField("status", serializer=api_field_types.StatusField()),
        APIField("coverage_start"),
        APIField("coverage_end"),
        APIField("version", serializer=api_field_types.VersionField()),
        APIField("pinned", serializer=api_field_types.PinnedField()),
        APIField("key_events", serializer=api_field_types.KeyEventsField()),
        APIField("latest_updates", serializer=api_field_types.LatestUpdatesField()),
        APIField("updates_url", serializer=api_field_types.UpdatesURLField()),
    ]

    template = "wagtail_liveblog/live_blog_page.html"

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        """When a publish saves the page, rebase and stamp its updates first
        (see ``publishing.py``)."""
        from .publishing import prepare_publish

        with transaction.atomic():
            prepare_publish(self, kwargs.get("update_fields"))
            return super().save(*args, **kwargs)

    # -- status ---------------------------------------------------------

    @property
    def status(self) -> str:
        """``upcoming``, ``live`` or ``ended``, derived from the coverage times."""
        return coverage_status(self.coverage_start, self.coverage_end)

    @property
    def is_live(self) -> bool:
        return self.status == STATUS_LIVE

    @property
    def has_ended(self) -> bool:
        return self.status == STATUS_ENDED

    # -- privacy --------------------------------------------------------

    def get_view_restrictions(self):
        """Wagtail's view restrictions of this page: one query, once.

        Every reader request (the poll, every few seconds, included) needs
        them twice: in Wagtail's serve hook and for the cache headers. These
        are the rows of ``Page.get_view_restrictions`` (an alias on the path
        counts as its source page, not with the copies Wagtail gives it)
        found with one query from the tree path instead of two, and kept on
        this instance, which serves one request; the benchmark's poll
        depends on it.
        """
        cached = self.__dict__.get("_liveblog_view_restrictions")
        if cached is None:
            if not self.path:
                return super().get_view_restrictions()
            from wagtail.models import PageViewRestriction

            step = self.steplen
            paths = [self.path[:end] for end in range(step, len(self.path) + 1, step)]
            cached = PageViewRestriction.objects.filter(
                Q(page__path__in=paths, page__alias_of__isnull=True)
                | Q(page__aliases__path__in=paths)
            ).distinct()
            self.__dict__["_liveblog_view_restrictions"] = cached
        return cached

    # -- publishing -----------------------------------------------------

    def save_revision(self, *args, **kwargs):
        """Save a revision; from the page editor (``INLINE_EDITING`` off) the
        updates are first re-read from the latest revision, under a row lock,
        so a page save never changes them (see ``publishing.py``)."""
        if getattr(self, "_liveblog_keep_latest_updates", False):
            from .publishing import keep_latest_updates

            with transaction.atomic():
                keep_latest_updates(self)
                return super().save_revision(*args, **kwargs)
        if hasattr(self, "_liveblog_merge_base"):
            # INLINE_EDITING on: merge a stale form's updates (see merge.py).
            from .merge import merge_into_latest

            base = self.__dict__.pop("_liveblog_merge_base")
            with transaction.atomic():
                merge_into_latest(self, base)
                return super().save_revision(*args, **kwargs)
        return super().save_revision(*args, **kwargs)

    # -- reader routes (on the page, so Wagtail's privacy rules apply) --

    @path("")
    def liveblog_index(self, request):
        from .views import serve_page

        return serve_page(self, request)

    @path("updates/")
    def liveblog_updates_fragment(self, request):
        from .views import serve_fragment

        return serve_fragment(self, request)

    @path("poll/")
    def liveblog_poll(self, request):
        from .views import serve_poll

        return serve_poll(self, request)

    @path("feed/")
    def liveblog_feed(self, request):
        from .feeds import serve_feed

        return serve_feed(self, request)


class LiveBlogPage(LiveBlogPageMixin, Page):
    content_panels = Page.content_panels + LiveBlogPageMixin.liveblog_panels

    class Meta:
        verbose_name = _("live blog page")
        verbose_name_plural = _("live blog pages")


class LiveBlogTimeline(models.Model):
    """Per-blog state of the read model: its monotonic ``version``."""

    page = models.OneToOneField(
        PAGE_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="liveblog_timeline",
    )
    version = models.PositiveBigIntegerField(default=0)
    revision_id = models.PositiveBigIntegerField(
        null=True, blank=True, help_text=_("The live revision last synced.")
    )
    synced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("live blog timeline")

    def __str__(self) -> str:
        return f"Timeline of page {self.page_id} at version {self.version}"


class TimelineEntry(models.Model):
    """One update as readers see it, or a tombstone once it is removed."""

    timeline = models.ForeignKey(
        LiveBlogTimeline, on_delete=models.CASCADE, related_name="entries"
    )
    update_id = models.UUIDField()
    posted_at = models.DateTimeField()
    updated_at = models.DateTimeField(null=True, blank=True)
    headline = models.CharField(max_length=255, blank=True)
    author = models.CharField(max_length=255, blank=True)
    pinned = models.BooleanField(default=False)
    key_event = models.BooleanField(default=False)
    content_hash = models.CharField(max_length=64)
    html = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    changed_version = models.PositiveBigIntegerField()
    deleted_version = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")
        constraints = [
            models.UniqueConstraint(
                fields=["timeline", "update_id"], name="liveblog_entry_unique_update"
            )
        ]
        indexes = [
            models.Index(
                fields=["timeline", "-posted_at", "-update_id"],
                condition=Q(deleted_version__isnull=True),
                name="liveblog_entry_order",
            ),
            models.Index(
                fields=["timeline", "changed_version"], name="liveblog_entry_changed"
            ),
            models.Index(
                fields=["timeline", "deleted_version"], name="liveblog_entry_deleted"
            ),
        ]

    def __str__(self) -> str:
        return self.headline or str(self.update_id)

    @property
    def is_deleted(self) -> bool:
        return self.deleted_version is not None

    @property
    def anchor(self) -> str:
        return f"update-{self.update_id}"
