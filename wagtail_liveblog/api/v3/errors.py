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

A bad query parameter of a read route is a 400 in the same problem shape,
with ``loc: ["query", <name>]``.
"""

from __future__ import annotations

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
from ...params import BadParameter

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


def bad_parameter(bad: BadParameter) -> HttpResponse:
    """A 400 problem naming the query parameter at fault."""
    problem = problem_response(
        status=400,
        detail=f"{bad.name}: {bad.message}",
        errors=[
            {
                "type": "invalid_parameter",
                "loc": ["query", bad.name],
                "msg": bad.message,
            }
        ],
    )
    patch_cache_control(problem, no_store=True)
    return problem
