"""A live blog built the obvious way, to measure what the read model saves.

The same StreamField of ``update`` blocks as ``LiveBlogPage``, exposed the
standard way through the pages API (``APIField``) and rendered whole by its
template. No read model, no stamping, no special routes.
"""

from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page

from wagtail_liveblog.blocks import UpdateBlock


class NaivePage(Page):
    updates = StreamField([("update", UpdateBlock())], blank=True)

    api_fields = [APIField("updates")]

    template = "naive/naive_page.html"
