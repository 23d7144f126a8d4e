"""What the browser suite's modules share: the poll interval the pages
under test use, how long an update may take to arrive, the screen sizes and
the rule for choosing them, and where axe-core is."""

from __future__ import annotations

from pathlib import Path

AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
# Seconds between polls in these tests (POLL_INTERVAL accepts floats).
POLL_INTERVAL = 1
# How long an update posted while a page is open may take to appear: two
# poll intervals (each up to +20% jitter) plus the time to render.
ARRIVAL_MS = int(2 * POLL_INTERVAL * 1.2 * 1000) + 600

# The screens the suite uses (width, height), and the rule for choosing
# them. Layout (where things are, how big, what the first screen shows) is
# checked on each side of every breakpoint: the reader's at the phone and
# the laptop (its CSS changes at 40rem and 60rem, so a 1920x1080 screen
# lays it out as 1280x800 does, with more room), the desk's at all three
# (its first screen beside the composer is checked at both wide sizes);
# behaviour that does not depend on the width (what
# arrives, what a key does, what is announced or saved) once, where it is
# hardest: on the phone for readers, and for the desk on the laptop and the
# phone (whose composer is folded away behind a button).
PHONE = (390, 844)
LAPTOP = (1280, 800)
WIDE = (1920, 1080)
