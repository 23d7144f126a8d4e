"""Which live blog an editing call writes to: the page it is given, as the
specific live blog page (the source of an alias), or a ``ValidationError``.
Posting, importing and the blog page's own changes all start here."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from .. import access
from ..models.page import LiveBlogPageMixin

__all__ = ["liveblog_of"]

NOT_A_LIVEBLOG = _("This page is not a live blog.")


def liveblog_of(page: Page) -> LiveBlogPageMixin:
    """The specific live blog page (the source of an alias), or ValidationError."""
    specific = page.specific if isinstance(page, Page) else page
    if not access.is_liveblog(specific):
        raise ValidationError(NOT_A_LIVEBLOG, code="not_a_liveblog")
    return access.source_blog(specific)
