"""Template filters for the ``embed`` body block (``blocks/embed.html``)."""

from __future__ import annotations

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

register = template.Library()

_IFRAME = re.compile(r"<iframe\b([^>]*)>", re.IGNORECASE)


def _has(attributes: str, name: str) -> bool:
    return re.search(rf"\s{name}\s*=", attributes, re.IGNORECASE) is not None


@register.filter
def liveblog_embed_html(embed) -> SafeString:
    """An embed's HTML (Wagtail's ``Embed``) with what readers need added to
    its frames: a ``title`` (screen readers announce a frame by it; WCAG
    4.1.2) when the provider gave none, and ``loading="lazy"``.

    The HTML is the oEmbed provider's, trusted as Wagtail's own embed
    rendering trusts it; only attributes are added.
    """
    html = getattr(embed, "html", "") or ""
    title = (
        getattr(embed, "title", "")
        or getattr(embed, "provider_name", "")
        or gettext("Embedded content")
    )
    label = escape(title)

    def fix(match: re.Match) -> str:
        attributes = match.group(1)
        closing = "/" if attributes.rstrip().endswith("/") else ""
        if closing:
            attributes = attributes.rstrip()[:-1]
        if not _has(attributes, "title"):
            attributes += f' title="{label}"'
        if not _has(attributes, "loading"):
            attributes += ' loading="lazy"'
        return f"<iframe{attributes}{closing}>"

    return mark_safe(_IFRAME.sub(fix, html))  # noqa: S308 - provider HTML
