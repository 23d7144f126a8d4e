"""The editing API's exceptions as Wagtail's v3 problem responses.

Wagtail's v3 error handlers (``wagtail.api.v3.errors``) answer every error
with ``application/problem+json``; this module hands them exceptions that
say which field is at fault:

- ``ValidationError`` → 422, each message with the ``loc`` of its value in
  the request (``["body", "data", "headline"]``,
  ``["body", "data", "body", 2, "value", "credit"]``), as Django Ninja
  locates its own schema errors;
- ``UpdateNotFound`` → 404; ``UpdateLocked`` → 423;
- ``PermissionDenied`` stays itself: 403 (401 without a token).

Read routes reuse API v2's views, whose 400s (a bad query parameter) are
turned into the same problem shape with ``loc: ["query", <name>]``.
"""

from __future__ import annotations

import json
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
from ...editing.errors import locations

#: Where the request body's fields are, as Django Ninja reports them.
BODY = ("body", "data")


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


def located(
    error: ValidationError, base: Sequence[str | int] = BODY
) -> list[tuple[tuple, str, str]]:
    """Each message of ``error`` with where it belongs in the request body
    (the structure the editing API keeps: ``editing.errors``)."""
    return [
        ((*base, *found.loc), found.message, found.code) for found in locations(error)
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
