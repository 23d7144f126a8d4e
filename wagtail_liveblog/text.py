"""Plain text hygiene shared by every way text comes in."""

from __future__ import annotations

import re

# C0 controls other than tab, line feed and carriage return, and DEL: XML
# cannot carry them (so the Atom feed could not), and no reader needs them.
# They arrive pasted from word processors (a vertical tab for a line break).
# Also lone surrogates (a Python str can hold them, UTF-8 cannot: the
# database refuses them) and the non-characters U+FFFE and U+FFFF, which
# XML cannot carry either.
CONTROL_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]"
)


def strip_control_characters(value: str) -> str:
    return CONTROL_CHARACTERS.sub("", value)
