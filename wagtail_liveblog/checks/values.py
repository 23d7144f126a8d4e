"""Tests of a setting's value that more than one check uses."""

from __future__ import annotations

from typing import Any

from .. import conf

S = conf.SETTING_NAME


def positive_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def positive_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value > 0
