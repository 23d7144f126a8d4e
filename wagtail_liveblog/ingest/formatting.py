"""A chat message's styled text, and the HTML of an update's text block.

``slack.py`` and ``telegram.py`` read their service's formatting into
spans (bold, italic, links) and lines; ``messages.py`` makes an update from
them, and :func:`to_html` its text block's HTML: paragraphs (blank lines),
line breaks, bullet and numbered lists, bold, italic and links kept (links
only with a scheme the rich text allows). :func:`plain` is the same text
without its styles, for a caption.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import groupby

from django.utils.html import escape

from ..editing.rich_text import LINK_SCHEMES

BULLET = re.compile(r"^\s*[•\-*–]\s+")
NUMBER = re.compile(r"^\s*\d{1,3}[.)]\s+")


@dataclass
class Span:
    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None


@dataclass
class Line:
    spans: list[Span]
    # "p" (a paragraph line), "ul" or "ol" (a list item).
    kind: str = "p"

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def bold(self) -> bool:
        """Every visible character is bold."""
        visible = [span for span in self.spans if span.text.strip()]
        return bool(visible) and all(span.bold for span in visible)


def lines_from_spans(spans: list[Span], kind: str = "p") -> list[Line]:
    """Split styled text into lines at its newlines."""
    lines: list[Line] = [Line([], kind)]
    for span in spans:
        parts = span.text.split("\n")
        for index, part in enumerate(parts):
            if index:
                lines.append(Line([], kind))
            if part:
                lines[-1].spans.append(Span(part, span.bold, span.italic, span.href))
    return lines


def safe_href(href: str | None) -> str | None:
    if not href:
        return None
    scheme, colon, _rest = href.strip().partition(":")
    return href.strip() if colon and scheme.lower() in LINK_SCHEMES else None


def inline_html(spans: list[Span]) -> str:
    out = []
    for href, linked in groupby(spans, key=lambda span: safe_href(span.href)):
        inner = ""
        for (bold, italic), same in groupby(
            linked, key=lambda span: (span.bold, span.italic)
        ):
            text = escape("".join(span.text for span in same))
            if italic:
                text = f"<i>{text}</i>"
            if bold:
                text = f"<b>{text}</b>"
            inner += text
        out.append(f'<a href="{escape(href)}">{inner}</a>' if href else inner)
    return "".join(out)


def _strip_marker(line: Line, pattern: re.Pattern) -> Line:
    spans = [Span(s.text, s.bold, s.italic, s.href) for s in line.spans]
    marker = pattern.match(line.text)
    remove = marker.end() if marker else 0
    while remove and spans:
        first = spans[0]
        if len(first.text) <= remove:
            remove -= len(first.text)
            spans.pop(0)
        else:
            first.text = first.text[remove:]
            remove = 0
    return Line(spans, "ol" if pattern is NUMBER else "ul")


def _as_list_item(line: Line) -> Line:
    if line.kind != "p":
        return line
    if BULLET.match(line.text):
        return _strip_marker(line, BULLET)
    if NUMBER.match(line.text):
        return _strip_marker(line, NUMBER)
    return line


def to_html(lines: list[Line]) -> str:
    """Paragraphs and lists from lines (blank lines separate paragraphs)."""
    blocks: list[str] = []
    paragraph: list[str] = []
    items: list[Line] = []

    def close_paragraph() -> None:
        if paragraph:
            blocks.append(f"<p>{'<br/>'.join(paragraph)}</p>")
            paragraph.clear()

    def close_list() -> None:
        if items:
            tag = items[0].kind
            inner = "".join(f"<li>{inline_html(i.spans).strip()}</li>" for i in items)
            blocks.append(f"<{tag}>{inner}</{tag}>")
            items.clear()

    for line in map(_as_list_item, lines):
        if line.blank:
            close_paragraph()
            close_list()
        elif line.kind in ("ul", "ol"):
            close_paragraph()
            if items and items[0].kind != line.kind:
                close_list()
            items.append(line)
        else:
            close_list()
            paragraph.append(inline_html(line.spans).strip())
    close_paragraph()
    close_list()
    return "".join(blocks)


def plain(lines: list[Line]) -> str:
    return " ".join(" ".join(line.text.split()) for line in lines if not line.blank)
