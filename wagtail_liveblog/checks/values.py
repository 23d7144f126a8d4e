"""Tests of a setting's value that more than one check uses."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.checks import Error

from .. import conf

S = conf.SETTING_NAME


def positive_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def positive_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value > 0


def invalid(
    raw: dict,
    key: str,
    valid: Callable[[Any], bool],
    must_be: str,
    code: str,
    hint: str | None = None,
) -> list[Error]:
    """The error for a setting given a value ``valid`` refuses: "...[key]
    must be <must_be>, got <value>."; none when it is absent or valid."""
    if key not in raw or valid(raw[key]):
        return []
    return [
        Error(
            f"{S}[{key!r}] must be {must_be}, got {raw[key]!r}.",
            hint=hint,
            id=f"wagtail_liveblog.{code}",
        )
    ]
