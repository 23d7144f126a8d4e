"""The JSON shapes of the read side, defined once.

An update (`LiveBlogUpdate`, made at publish by `serialize.update_data`)
and the answers built from it: a blog with its newest updates, a page of
updates, the changes after a version, one update, the list of blogs, and
the reader script's poll (which the event stream sends too).

They are `TypedDict`s: the read service returns them
(`reading/service.py`), Wagtail 8's API v3 router declares them as its
responses (Django Ninja validates every answer against them and puts them
in Wagtail's generated OpenAPI document), and API v2's OpenAPI document is
generated from them (`manage.py liveblog_openapi`; a test compares the
shipped file). Attribute docstrings are the fields' descriptions. Pydantic
(Wagtail 8's API v3) reads the formats and the body items' discriminator;
without it (Wagtail 7.4) these are plain types.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, NotRequired

# Pydantic reads TypedDicts from typing_extensions only, on Python 3.11.
from typing_extensions import TypedDict

try:
    from pydantic import Field
except ImportError:  # Wagtail 7.4: no API v3, no pydantic

    def Field(**kwargs: Any) -> None:
        return None


Status = Literal["upcoming", "live", "ended"]
DateTime = Annotated[str, Field(json_schema_extra={"format": "date-time"})]
UUID = Annotated[str, Field(json_schema_extra={"format": "uuid"})]
URL = Annotated[str, Field(json_schema_extra={"format": "uri"})]


def documented(*shapes: type) -> None:
    """For pydantic (API v3, the OpenAPI documents): field descriptions from
    the attribute docstrings below, and no key but the documented ones
    (``additionalProperties: false``; an answer with another fails API v3's
    validation, and the tests)."""
    for shape in shapes:
        shape.__pydantic_config__ = {  # type: ignore[attr-defined]
            "use_attribute_docstrings": True,
            "extra": "forbid",
        }


# -- an update ---------------------------------------------------------------------


class LiveBlogRendition(TypedDict):
    spec: str
    """The Wagtail filter spec (`IMAGE_RENDITIONS`)."""
    url: str
    width: int
    height: int


class LiveBlogImage(TypedDict):
    id: int
    """The image's id in Wagtail's image library."""
    title: str
    alt: str
    """Alternative text: the block's own, else the image's default."""
    caption: str
    credit: str
    """Who took or owns the picture, for example "Reuters"."""
    width: int
    height: int
    renditions: list[LiveBlogRendition]
    """Narrowest first; made when the update is published (none for a draft)."""


class LiveBlogQuote(TypedDict):
    text: str
    attribution: str


class LiveBlogEmbed(TypedDict):
    url: URL
    """The link of the video or social media post."""
    html: str
    """The provider's HTML (oEmbed)."""
    type: str
    title: str
    provider_name: str
    thumbnail_url: str | None
    width: int | None
    height: int | None


class LiveBlogTextItem(TypedDict):
    type: Literal["text"]
    id: str
    value: str
    """HTML: paragraphs, bold, italic, links and lists."""


class LiveBlogImageItem(TypedDict):
    type: Literal["image"]
    id: str
    value: LiveBlogImage


class LiveBlogQuoteItem(TypedDict):
    type: Literal["quote"]
    id: str
    value: LiveBlogQuote


class LiveBlogEmbedItem(TypedDict):
    type: Literal["embed"]
    id: str
    value: LiveBlogEmbed


LiveBlogBodyItem = Annotated[
    LiveBlogTextItem | LiveBlogImageItem | LiveBlogQuoteItem | LiveBlogEmbedItem,
    Field(discriminator="type"),
]


class LiveBlogAuthor(TypedDict):
    name: str


class LiveBlogUpdate(TypedDict):
    """One update, as readers get it."""

    id: UUID
    """The update's permanent id (permalinks `#update-<id>`, cursors)."""
    url: URL
    """The update's permalink on the blog's page."""
    headline: str
    posted_at: DateTime | None
    updated_at: DateTime | None
    """When a published update's content last changed, or null."""
    pinned: bool
    key_event: bool
    author: str
    """The byline: the authors' names ("Ana Reyes and Tom Li")."""
    authors: list[LiveBlogAuthor]
    """The authors, in byline order."""
    body: list[LiveBlogBodyItem]


class LiveBlogKeyEvent(TypedDict):
    id: UUID
    url: URL
    headline: str
    posted_at: DateTime | None


# -- answers ------------------------------------------------------------------------


class LiveBlogMeta(TypedDict):
    events_url: URL | None
    """The blog's event stream (Server-Sent Events), or null when the site
    offers none: poll `updates/?since=<version>` instead."""


class LiveBlog(TypedDict):
    """A live blog with its newest updates."""

    id: int
    title: str
    url: URL
    intro: str
    summary: str
    """The key points (HTML)."""
    status: Status
    coverage_start: DateTime | None
    coverage_end: DateTime | None
    version: int
    """Moves with every change readers can see: `updates/?since=<version>`."""
    poll_interval: int | float
    """Seconds to wait between polls."""
    updates_url: URL
    pinned: list[LiveBlogUpdate]
    key_events: list[LiveBlogKeyEvent]
    updates: list[LiveBlogUpdate]
    """The newest `PAGE_SIZE` updates."""
    next: URL | None
    """The next (older) updates, if any."""
    meta: LiveBlogMeta


class LiveBlogUpdatesMeta(TypedDict):
    version: int
    status: Status
    poll_interval: int | float
    next: URL | None
    """Older updates (with `before`) or the next changes (with `since`)."""
    events_url: URL | None
    """The blog's event stream, or null: see `LiveBlogMeta`."""


class LiveBlogUpdates(TypedDict):
    """Updates newest first (`limit`, `before`); with `since`, what
    changed after that version and `deleted`, the ids to drop."""

    meta: LiveBlogUpdatesMeta
    items: list[LiveBlogUpdate]
    deleted: NotRequired[list[UUID]]
    """Only with `since`: updates readers must no longer show."""


class LiveBlogListItem(TypedDict):
    id: int
    title: str
    url: URL
    status: Status
    version: int
    detail_url: URL
    updates_url: URL


class LiveBlogListMeta(TypedDict):
    total_count: int


class LiveBlogList(TypedDict):
    """The live blogs the request may read, newest first."""

    meta: LiveBlogListMeta
    items: list[LiveBlogListItem]


class LiveBlogError(TypedDict):
    """API v2's error body."""

    message: str
    parameter: NotRequired[str]
    """The query parameter at fault (400 only)."""


# -- the reader script's poll and the event stream ------------------------------------


class LiveBlogPollItem(LiveBlogUpdate):
    html: str
    """The inside of the update's `<article>` on the page."""


class LiveBlogPollMeta(TypedDict):
    version: int
    status: Status
    poll_interval: int | float
    reset: bool
    """Too far behind to patch: reload the newest updates."""
    summary: NotRequired[str]
    """The key points (HTML), when anything changed."""
    updated_at: NotRequired[DateTime | None]
    """When the blog last changed, when anything changed."""


class LiveBlogPoll(TypedDict):
    """What changed after a version: the poll route's answer, and the data
    of each event on the event stream."""

    meta: LiveBlogPollMeta
    items: list[LiveBlogPollItem]
    deleted: list[UUID]


documented(
    LiveBlogRendition,
    LiveBlogImage,
    LiveBlogQuote,
    LiveBlogEmbed,
    LiveBlogTextItem,
    LiveBlogImageItem,
    LiveBlogQuoteItem,
    LiveBlogEmbedItem,
    LiveBlogAuthor,
    LiveBlogUpdate,
    LiveBlogKeyEvent,
    LiveBlogMeta,
    LiveBlog,
    LiveBlogUpdatesMeta,
    LiveBlogUpdates,
    LiveBlogListItem,
    LiveBlogListMeta,
    LiveBlogList,
    LiveBlogError,
    LiveBlogPollItem,
    LiveBlogPollMeta,
    LiveBlogPoll,
)
