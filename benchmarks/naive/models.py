"""The baselines of the benchmark.

- ``NaivePage``: a live blog built the obvious way, to measure what the read
  model saves. One StreamField of ``update`` blocks (0.1's design), exposed
  the standard way through the pages API (``APIField``) and rendered whole by
  its template. No read model, no special routes.
- ``BareDraft``: the smallest model with Wagtail's drafts and revisions, to
  measure what publishing anything costs in Wagtail, against which posting
  an update is compared.
"""

from django.db import models
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, Page, RevisionMixin

from .blocks import UpdateBlock


class NaivePage(Page):
    updates = StreamField([("update", UpdateBlock())], blank=True)

    api_fields = [APIField("updates")]

    template = "naive/naive_page.html"


class BareDraft(DraftStateMixin, RevisionMixin, models.Model):
    title = models.CharField(max_length=255)

    def __str__(self) -> str:
        return self.title
