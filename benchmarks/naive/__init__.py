"""The naive baseline: a plain Wagtail page with the same stream of updates."""
