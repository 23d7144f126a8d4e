"""Rich text input as Wagtail stores it: any HTML in, only the allowed
features out, and how deeply it nests (``nesting_depth``, checked before
any parser sees it). Used for update text blocks and the blog's key points.

``to_database_html`` is the one way in. On Wagtail 8 it is Wagtail's own
API input conversion (``wagtail.api.rich_text.APIRichText``: database HTML,
or ``{"format": "db_markdown", "content": …}``), which the page API uses
too; Wagtail 7.4 has none, and gets ``sanitise_html`` below.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

from ..text import strip_control_characters

# Elements dropped with everything inside them: their text is not prose.
DROPPED_ELEMENTS = (
    "script",
    "style",
    "template",
    "noscript",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "head",
    "title",
    "textarea",
    "select",
)
LINK_SCHEMES = ("http", "https", "mailto")
BLOCK_TAGS = ("p", "ol", "ul", "li")


# Deeper than any real text; deeper nesting would exhaust Python's stack in
# the parsers and renderers that walk it.
MAX_NESTING = 32
VOID_ELEMENTS = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)


class _DepthGauge(HTMLParser):
    """How deeply the elements of some HTML nest (without recursion)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.deepest = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag not in VOID_ELEMENTS:
            self.open.append(tag)
            self.deepest = max(self.deepest, len(self.open))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            while self.open and self.open.pop() != tag:
                pass


def nesting_depth(html: str) -> int:
    gauge = _DepthGauge()
    gauge.feed(html)
    gauge.close()
    return gauge.deepest


def _page_link_id(link) -> str | None:
    """The page id of a link in Wagtail's database format, if it is one."""
    page_id = link.get("id")
    if (
        link.get("linktype") == "page"
        and isinstance(page_id, str)
        and page_id.isascii()
        and page_id.isdigit()
        and len(page_id) <= 10
        and int(page_id) < 2**31
    ):
        return str(int(page_id))
    return None


def _allowed_href(href: str) -> bool:
    scheme, colon, _rest = "".join(href.split()).lower().partition(":")
    return bool(colon) and scheme in LINK_SCHEMES


def _local_href(href: str) -> bool:
    """A link the page editor's link chooser also makes: a phone number, an
    anchor on the page, or a path on this site."""
    href = "".join(href.split()).lower()
    return href.startswith(("tel:", "#")) or (
        href.startswith("/") and not href.startswith("//")
    )


def sanitise_html(
    html: str, features: list[str] | None, *, page_links: bool = False
) -> str:
    """Keep only the rich text features the text block allows, as the editor does.

    Any HTML is accepted, however malformed: script and style elements go
    with their content, links keep only http, https and mailto addresses,
    Wagtail's editor whitelist (``EditorHTMLConverter``) drops every tag and
    attribute the features do not allow, and blocks nested in blocks (a
    ``<p>`` inside a ``<p>``) are flattened. With ``page_links``, links to
    pages in Wagtail's database format (``<a linktype="page" id="3">``, as
    the page editor saves them) are kept too, when the features allow
    links, and so are the phone, anchor and site-path links its link
    chooser makes. Never raises.
    """
    from bs4 import BeautifulSoup, NavigableString
    from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

    soup = BeautifulSoup(strip_control_characters(html), "html.parser")
    for element in soup.find_all(DROPPED_ELEMENTS):
        element.decompose()
    for link in soup.find_all("a"):
        href = link.get("href")
        page_id = _page_link_id(link) if page_links else None
        link.attrs = {}
        if page_id is not None:
            # In the editor's format, which the whitelister turns back into
            # the database's (and drops unless the features allow links).
            link["data-linktype"] = "page"
            link["data-id"] = page_id
        elif isinstance(href, str) and (
            _allowed_href(href) or (page_links and _local_href(href))
        ):
            link["href"] = href.strip()
    whitelister = EditorHTMLConverter(features=features).whitelister
    soup = BeautifulSoup(whitelister.clean(str(soup)), "html.parser")
    for special in soup.find_all(string=True):
        if type(special) is not NavigableString:
            special.extract()  # comments, CDATA, doctypes, processing instructions
    for paragraph in soup.find_all("p"):
        if paragraph.find_parent(BLOCK_TAGS) is not None:
            paragraph.unwrap()
    for link in soup.find_all("a"):
        if not link.get("href") and not (page_links and link.get("linktype")):
            link.unwrap()  # its text stays
    if not soup.get_text().strip():
        return ""  # nothing a reader would see: the block counts as empty
    return str(soup).strip()


class RichTextInputError(ValueError):
    """Rich text input Wagtail cannot read (a bad format envelope)."""


def _wagtail_converter():
    try:
        from wagtail.api.rich_text import APIRichText, RichTextFormatError
    except ImportError:  # Wagtail 7.4
        return None
    return APIRichText, RichTextFormatError


def visible_text(html: str) -> str:
    from django.utils.html import strip_tags

    return strip_tags(html).strip()


def to_database_html(
    value: Any, features: list[str] | None, *, page_links: bool = False
) -> str:
    """``value`` (HTML, or on Wagtail 8 a ``{"format", "content"}`` object)
    as the database HTML of a rich text field with ``features``; ``""``
    when nothing a reader would see is left. ``RichTextInputError`` for
    input that is not rich text. Nesting is checked by the caller first."""
    converter = _wagtail_converter()
    if converter is None:
        if not isinstance(value, str):
            raise RichTextInputError("Rich text input must be a string.")
        return sanitise_html(value, features, page_links=page_links)
    api_rich_text, format_error = converter
    if isinstance(value, str):
        # What Wagtail's converter keeps as text but no reader should see.
        value = _without_non_prose(value)
    try:
        html, _removals = api_rich_text.convert_input(value, features=features)
    except format_error as error:
        raise RichTextInputError(str(error)) from None
    html = _tidy(strip_control_characters(html)).strip()
    return html if visible_text(html) else ""


def _without_non_prose(html: str) -> str:
    """``html`` without the elements whose text is not prose (scripts,
    styles, frames…), content and all."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(DROPPED_ELEMENTS):
        element.decompose()
    return str(soup)


def _tidy(html: str) -> str:
    """What the editor would not keep, undone: paragraphs nested in blocks
    (``<p>`` in ``<p>`` or ``<li>``, from a pasted ``<div>``), links left
    without an address (a ``javascript:`` one) and links to pages whose id
    is no page id unwrapped, their text kept."""
    if "<p" not in html and "<a" not in html:
        return html
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for paragraph in soup.find_all("p"):
        if paragraph.find_parent(BLOCK_TAGS) is not None:
            paragraph.unwrap()
    for link in soup.find_all("a"):
        if link.get("linktype"):
            # Wagtail keeps any id, and a page link whose id is no page id
            # fails every later rendering of the text.
            if _page_link_id(link) is None:
                link.unwrap()
        elif not link.get("href"):
            link.unwrap()
    return str(soup)


def input_text(value: Any) -> str | None:
    """The text of a rich text input (HTML, or an envelope's content), to
    measure before converting; None when it is neither."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and isinstance(value.get("content"), str):
        return value["content"]
    return None
