"""The write routes' schemas: what a write takes, and what it answers.

Django Ninja validates requests against them and puts them in Wagtail's
generated ``/api/v3/openapi.json``. Reads answer in the read side's shapes
(``readmodel/shapes.py``), which a write's answer extends with ``meta``;
times are ISO 8601 strings in UTC with a ``Z``, as API v2 writes them.
Component names start with ``LiveBlog`` so they never clash with Wagtail's
own.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import ConfigDict, StrictBool, model_validator
from typing_extensions import TypedDict

from ...models.authors import MAX_AUTHORS
from ...readmodel import shapes

DATE_TIME = {"format": "date-time"}


# -- what a write answers ------------------------------------------------------------


class LiveBlogWrittenUpdateMeta(TypedDict):
    type: Literal["wagtail_liveblog.LiveBlogUpdate"]
    blog_id: int
    status: Literal["live", "draft", "scheduled"]
    live: bool
    has_unpublished_changes: bool
    """A draft of this update waits unpublished."""
    go_live_at: shapes.DateTime | None
    detail_url: str | None
    """Where readers' API gets it (live updates only)."""


class LiveBlogWrittenUpdate(shapes.LiveBlogUpdate):
    """An update as a write returns it: its latest version (a draft's too),
    with where it stands."""

    meta: LiveBlogWrittenUpdateMeta


shapes.documented(LiveBlogWrittenUpdateMeta, LiveBlogWrittenUpdate)


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


class LiveBlogAuthorInput(_Input):
    """A colleague (``user``) or a name as free text (``name``): one of the
    two."""

    user: int | None = Field(
        None, description="The id of a user who may write on the blog.", gt=0, lt=2**63
    )
    name: str | None = Field(None, description='A name as free text: "AP", a guest.')

    @model_validator(mode="after")
    def _one_of_the_two(self):
        if (self.user is None) == (self.name is None):
            raise ValueError('give "user" or "name", one of the two')
        return self


AUTHORS = "In byline order: colleagues by user id and names as free text."


LiveBlogBodyInput = Annotated[
    LiveBlogTextInput | LiveBlogImageInput | LiveBlogQuoteInput | LiveBlogEmbedInput,
    Field(discriminator="type"),
]


class LiveBlogUpdateCreateSchema(_Input):
    headline: str = ""
    body: list[LiveBlogBodyInput] = []
    pinned: StrictBool = False
    key_event: StrictBool = False
    authors: list[LiveBlogAuthorInput] | None = Field(
        None,
        description=AUTHORS + " Default: the user who posts.",
        max_length=MAX_AUTHORS,
    )
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
    authors: list[LiveBlogAuthorInput] | None = Field(
        None, description=AUTHORS, max_length=MAX_AUTHORS
    )
    posted_at: datetime | None = None
    publish: StrictBool | None = Field(
        None,
        description=(
            "Default: a published update's change is published, a draft stays "
            "a draft. true publishes a draft; false saves the change as a draft."
        ),
    )
