"""Request and response schemas of the ``liveblogs`` router.

Django Ninja puts them in Wagtail's generated ``/api/v3/openapi.json``.
The responses are the API v2 shapes (``readmodel/serialize.py``: one JSON
shape of an update everywhere); times are ISO 8601 strings in UTC with a
``Z``, exactly as API v2 writes them. Component names start with
``LiveBlog`` so they never clash with Wagtail's own.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from ninja import Field, Schema
from pydantic import ConfigDict, StrictBool

DATE_TIME = {"format": "date-time"}


# -- responses ------------------------------------------------------------------


class LiveBlogBodyItemSchema(Schema):
    type: str = Field(description="text, image, quote or embed.")
    id: str
    value: Any = Field(
        description=(
            "text: HTML. image: {id, title, alt, caption, credit, width, "
            "height, renditions}. quote: {text, attribution}. embed: the "
            "link, its HTML and metadata."
        )
    )


class LiveBlogUpdateSchema(Schema):
    """An update as readers get it (API v2's shape)."""

    id: str = Field(json_schema_extra={"format": "uuid"})
    url: str = Field(description="The update's permalink on the page.")
    headline: str
    posted_at: str | None = Field(json_schema_extra=DATE_TIME)
    updated_at: str | None = Field(json_schema_extra=DATE_TIME)
    pinned: bool
    key_event: bool
    author: str
    body: list[LiveBlogBodyItemSchema]


class LiveBlogWrittenUpdateMetaSchema(Schema):
    type: Literal["wagtail_liveblog.LiveBlogUpdate"]
    blog_id: int
    status: Literal["live", "draft", "scheduled"]
    live: bool
    has_unpublished_changes: bool = Field(
        description="A draft of this update waits unpublished."
    )
    go_live_at: str | None = Field(json_schema_extra=DATE_TIME)
    detail_url: str | None = Field(
        description="Where readers' API gets it (live updates only)."
    )


class LiveBlogWrittenUpdateSchema(LiveBlogUpdateSchema):
    """An update as a write returns it: its latest version (a draft's too),
    with where it stands."""

    meta: LiveBlogWrittenUpdateMetaSchema


class LiveBlogKeyEventSchema(Schema):
    id: str = Field(json_schema_extra={"format": "uuid"})
    url: str
    headline: str
    posted_at: str | None = Field(json_schema_extra=DATE_TIME)


class LiveBlogSchema(Schema):
    id: int
    title: str
    url: str
    intro: str
    summary: str
    status: Literal["upcoming", "live", "ended"]
    coverage_start: str | None = Field(json_schema_extra=DATE_TIME)
    coverage_end: str | None = Field(json_schema_extra=DATE_TIME)
    version: int
    poll_interval: int | float
    updates_url: str
    pinned: list[LiveBlogUpdateSchema]
    key_events: list[LiveBlogKeyEventSchema]
    updates: list[LiveBlogUpdateSchema]
    next: str | None = Field(description="The next (older) updates, if any.")


class LiveBlogUpdatesMetaSchema(Schema):
    version: int
    status: Literal["upcoming", "live", "ended"]
    poll_interval: int | float
    next: str | None


class LiveBlogUpdatesSchema(Schema):
    """Newest first (``limit``, ``before``); with ``since``, what changed
    after that version, and ``deleted``: the ids readers must drop."""

    meta: LiveBlogUpdatesMetaSchema
    items: list[LiveBlogUpdateSchema]
    deleted: list[str] | None = Field(None, description="Only with since.")


class LiveBlogListItemSchema(Schema):
    id: int
    title: str
    url: str
    status: Literal["upcoming", "live", "ended"]
    version: int
    detail_url: str
    updates_url: str


class LiveBlogListMetaSchema(Schema):
    total_count: int


class LiveBlogListSchema(Schema):
    meta: LiveBlogListMetaSchema
    items: list[LiveBlogListItemSchema]


# -- requests -------------------------------------------------------------------


class _Input(Schema):
    # An unknown key is a 422 naming it, not silently ignored; flags are
    # true or false, never "yes" or 1 (StrictBool).
    model_config = ConfigDict(extra="forbid")


class LiveBlogTextInput(_Input):
    type: Literal["text"]
    value: str = Field(
        description=(
            "HTML. Paragraphs, bold, italic, links (http, https, mailto) and "
            "lists are kept; everything else is cleaned away."
        )
    )
    id: str | None = None


class LiveBlogImageValueInput(_Input):
    image: int | None = Field(None, description="An image in Wagtail's library.")
    file: str | None = Field(
        None,
        description=(
            "Instead of image, in a multipart request: the name of the part "
            "holding the picture. It is added to the image library with a "
            "neutral title and file name, in the UPLOAD_COLLECTION."
        ),
    )
    caption: str = ""
    credit: str = Field("", description='Required, for example "Reuters".')
    alt: str = ""


class LiveBlogImageInput(_Input):
    type: Literal["image"]
    value: LiveBlogImageValueInput
    id: str | None = None


class LiveBlogQuoteValueInput(_Input):
    text: str
    attribution: str = ""


class LiveBlogQuoteInput(_Input):
    type: Literal["quote"]
    value: LiveBlogQuoteValueInput
    id: str | None = None


class LiveBlogEmbedValueInput(_Input):
    url: str


class LiveBlogEmbedInput(_Input):
    type: Literal["embed"]
    value: str | LiveBlogEmbedValueInput = Field(
        description="The link of a video or social media post (or {url})."
    )
    id: str | None = None


LiveBlogBodyInput = Annotated[
    LiveBlogTextInput | LiveBlogImageInput | LiveBlogQuoteInput | LiveBlogEmbedInput,
    Field(discriminator="type"),
]


class LiveBlogUpdateCreateSchema(_Input):
    headline: str = ""
    body: list[LiveBlogBodyInput] = []
    pinned: StrictBool = False
    key_event: StrictBool = False
    author: str = Field("", description="The byline; default: the user's name.")
    posted_at: datetime | None = Field(
        None, description="Only to back-date: stamped at publish when left out."
    )
    publish: StrictBool = Field(
        True,
        description=(
            "false saves a draft (edit permission on the blog is enough); "
            "true needs publish permission."
        ),
    )
    go_live_at: datetime | None = Field(
        None, description="Schedule the update (publish permission)."
    )


class LiveBlogUpdatePatchSchema(_Input):
    """Only the fields given change; ``body`` is replaced whole."""

    headline: str | None = None
    body: list[LiveBlogBodyInput] | None = None
    pinned: StrictBool | None = None
    key_event: StrictBool | None = None
    author: str | None = None
    posted_at: datetime | None = None
    publish: StrictBool | None = Field(
        None,
        description=(
            "Default: a published update's change is published, a draft stays "
            "a draft. true publishes a draft; false saves the change as a draft."
        ),
    )
