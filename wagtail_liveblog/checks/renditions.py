"""The image renditions an update's pictures are served in."""

from __future__ import annotations

from typing import Any

from django.core.checks import Error

from .values import S


def rendition_errors(value: Any) -> list[Error]:
    from wagtail.images.exceptions import InvalidFilterSpecError
    from wagtail.images.models import Filter

    bad = Error(
        f"{S}['IMAGE_RENDITIONS'] must be a non-empty list of Wagtail image "
        f"filter specs such as 'width-800', got {value!r}.",
        id="wagtail_liveblog.E008",
    )
    if not isinstance(value, list | tuple) or not value:
        return [bad]
    for spec in value:
        if not isinstance(spec, str):
            return [bad]
        try:
            Filter(spec=spec).operations  # noqa: B018 - parses the spec
        except InvalidFilterSpecError:
            return [bad]
    return []
