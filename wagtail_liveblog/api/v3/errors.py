"""The editing API's exceptions as Wagtail's v3 problem responses.

Wagtail's v3 error handlers (``wagtail.api.v3.errors``) answer every error
with ``application/problem+json``; this module hands them exceptions that
say which field is at fault:

- ``ValidationError`` → 422, each message with the ``loc`` of its field
  (``["body", "data", "headline"]``, as Django Ninja locates its own
  schema errors);
- ``UpdateNotFound`` → 404; ``UpdateLocked`` → 423;
- ``PermissionDenied`` stays itself: 403 (401 without a token).

Read routes reuse API v2's views, whose 400s (a bad query parameter) are
turned into the same problem shape with ``loc: ["query", <name>]``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from pydantic import ValidationError as PydanticValidationError
from pydantic_core import PydanticCustomError
from wagtail.api.v3.errors import problem_response

from ...editing import UpdateLocked, UpdateNotFound
from ...editing.clean import UPDATE_FIELDS

#: Where the request body's fields are, as Django Ninja reports them.
BODY = ("body", "data")
FIELDS = (*UPDATE_FIELDS, "publish", "go_live_at")
#: Error codes of the editing API that belong to one field.
CODE_FIELDS = {
    "headline_too_long": "headline",
    "too_many_blocks": "body",
    "body_too_long": "body",
    "too_deep": "body",
}
BODY_CODES = {
    "invalid_body",
    "unknown_block_type",
    "invalid_image",
    "no_image",
    "image_not_allowed",
}


def invalid(
    errors: Sequence[tuple[Sequence[str | int], str, str]],
) -> PydanticValidationError:
    """A 422 with these ``(loc, message, type)`` errors."""
    return PydanticValidationError.from_exception_data(
        "Validation error",
        [
            {
                "type": PydanticCustomError(kind, message),  # type: ignore[arg-type]
                "loc": tuple(loc),
                "input": None,
            }
            for loc, message, kind in errors
        ],
        hide_input=True,
    )


# "Body item 2 › credit: …": the editing API names body items in words.
ITEM = re.compile(r"^(?:body )?item (\d+)\b", re.IGNORECASE)


def _field_of(error: ValidationError, message: str) -> tuple[str | int, ...]:
    """Where in the request body ``error`` (one message) belongs."""
    code = error.code or ""
    params = error.params if isinstance(error.params, dict) else {}
    name = params.get("name")
    position = params.get("n")
    if code in CODE_FIELDS:
        return (CODE_FIELDS[code],)
    if code in BODY_CODES or code == "invalid_update":
        if isinstance(position, int) and position > 0:
            return ("body", position - 1)
        if code in BODY_CODES:
            return ("body",)
    if code.startswith("invalid_") and code[len("invalid_") :] in FIELDS:
        return (code[len("invalid_") :],)
    if isinstance(name, str):
        return (name,) if name in FIELDS else ("body",)
    head = message.split(":", 1)[0].strip()
    if head in FIELDS:
        return (head,)
    item = ITEM.match(head)
    if item:
        return ("body", int(item.group(1)) - 1)
    return ()


def located(
    error: ValidationError, base: Sequence[str | int] = BODY
) -> list[tuple[tuple, str, str]]:
    """Each message of ``error`` with the location of its field."""
    if hasattr(error, "error_dict"):
        return [
            (
                (*base, field) if field != "__all__" else tuple(base),
                message,
                sub.code or "invalid",
            )
            for field, errors in error.error_dict.items()
            for sub in errors
            for message in sub.messages
        ]
    return [
        (
            (*base, *_field_of(sub, sub.messages[0])),
            sub.messages[0],
            sub.code or "invalid",
        )
        for sub in error.error_list
    ]


@contextmanager
def editing_errors() -> Iterator[None]:
    """Raise what the editing API raises as the v3 handlers' exceptions."""
    try:
        yield
    except UpdateNotFound:
        raise Http404(_("This live blog has no such update.")) from None
    except UpdateLocked as locked:
        raise HttpError(423, str(locked)) from None
    except ValidationError as error:
        raise invalid(located(error)) from error


def as_problem(response: HttpResponse) -> HttpResponse:
    """An API v2 error response (``{"message", "parameter"}``) as a problem."""
    if response.status_code == 404:
        raise Http404(_("Not found."))
    if response.status_code < 400:
        return response
    try:
        body = json.loads(response.content)
    except ValueError:
        return response
    message = str(body.get("message", ""))
    parameter = body.get("parameter")
    errors = None
    if parameter is not None:
        errors = [
            {"type": "invalid_parameter", "loc": ["query", parameter], "msg": message}
        ]
        message = f"{parameter}: {message}"
    problem = problem_response(
        status=response.status_code, detail=message, errors=errors
    )
    patch_cache_control(problem, no_store=True)
    return problem
