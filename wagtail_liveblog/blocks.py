"""StreamField blocks of an update's body: text, images with a credit,
quotes, and videos or social media posts (embeds)."""

from __future__ import annotations

import logging

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.embeds.embeds import get_embed
from wagtail.embeds.exceptions import EmbedException
from wagtail.images.blocks import ImageChooserBlock
from wagtail.images.models import SourceImageIOError
from wagtail.rich_text import RichText

from . import conf
from .text import strip_control_characters

logger = logging.getLogger(__name__)


def _plain(value):
    return strip_control_characters(value) if isinstance(value, str) else value


class PlainCharBlock(blocks.CharBlock):
    """A ``CharBlock`` whose text loses control characters when cleaned."""

    def clean(self, value):
        return super().clean(_plain(value))


class PlainTextBlock(blocks.TextBlock):
    """A ``TextBlock`` whose text loses control characters when cleaned."""

    def clean(self, value):
        return super().clean(_plain(value))


class CleanRichTextBlock(blocks.RichTextBlock):
    """A ``RichTextBlock`` whose HTML loses control characters when cleaned."""

    def clean(self, value):
        source = getattr(value, "source", None)
        if isinstance(source, str):
            value = RichText(strip_control_characters(source))
        return super().clean(value)


class ImageWithCreditBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = PlainCharBlock(label=_("Caption"), required=False, max_length=500)
    credit = PlainCharBlock(
        label=_("Credit"),
        max_length=255,
        help_text=_('Who took or owns the picture, for example "Reuters".'),
    )
    alt = PlainCharBlock(
        label=_("Alt text"),
        required=False,
        max_length=500,
        help_text=_(
            "Describe the picture for screen readers, if the image's "
            "own description does not fit this update."
        ),
    )

    class Meta:
        icon = "image"
        label = _("Image")
        template = "wagtail_liveblog/blocks/image.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["picture"] = image_renditions(value)
        return context


def image_renditions(value) -> dict | None:
    """Renditions of an image block for ``srcset``, narrowest first."""
    image = value.get("image") if value else None
    if image is None:
        return None
    specs = conf.get("IMAGE_RENDITIONS")
    alt = value.get("alt") or getattr(image, "default_alt_text", "") or ""
    try:
        renditions = image.get_renditions(*specs)
    except SourceImageIOError:
        # The file is gone (media not restored, storage outage): publish the
        # update without the picture rather than fail the whole publish.
        # ``rebuild_liveblog_timeline --force`` renders it once it is back.
        logger.warning("Image %s has no readable file; left out", image.pk)
        return {"src": None, "renditions": {}, "srcset": "", "alt": alt}
    ordered = [renditions[spec] for spec in specs]
    largest = ordered[-1]
    return {
        "src": largest,
        "renditions": dict(zip(specs, ordered, strict=True)),
        "srcset": ", ".join(f"{r.url} {r.width}w" for r in ordered),
        "alt": alt,
    }


class QuoteBlock(blocks.StructBlock):
    text = PlainTextBlock(label=_("Quote"))
    attribution = PlainCharBlock(
        label=_("Attribution"),
        required=False,
        max_length=255,
        help_text=_("Who said it, for example “Mayor Ana Reyes”."),
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "wagtail_liveblog/blocks/quote.html"


class LiveBlogEmbedBlock(EmbedBlock):
    """A video or social media post from its link, through Wagtail's oEmbed
    finders (``WAGTAILEMBEDS_FINDERS``); shown at the width of the update,
    keeping its proportions."""

    class Meta:
        icon = "media"
        label = _("Video or social post")
        help_text = _(
            "Paste the link of a video (YouTube, Vimeo…) or a social media post."
        )
        template = "wagtail_liveblog/blocks/embed.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["embed"] = find_embed(value)
        return context


def find_embed(value):
    """Wagtail's stored ``Embed`` (type, provider, size…) for an embed block
    value, or None when the link no longer resolves."""
    url = getattr(value, "url", None)
    if not url:
        return None
    try:
        return get_embed(url, value.max_width, value.max_height)
    except EmbedException:
        logger.warning("No embed found for %s; left out", url)
        return None


class UpdateBodyBlock(blocks.StreamBlock):
    text = CleanRichTextBlock(
        label=_("Text"),
        features=["bold", "italic", "link", "ol", "ul"],
        template="wagtail_liveblog/blocks/text.html",
    )
    image = ImageWithCreditBlock()
    quote = QuoteBlock()
    embed = LiveBlogEmbedBlock()

    class Meta:
        label = _("Body")
        required = False
