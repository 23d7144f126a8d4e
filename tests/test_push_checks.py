"""System checks of the push settings (webhooks, WebSub), ids E030–E034."""

from __future__ import annotations

import pytest
from django.core.checks import run_checks
from django.test import override_settings


def liveblog_errors(value) -> list:
    with override_settings(WAGTAIL_LIVEBLOG=value):
        return [
            (e.id, e.msg)
            for e in run_checks()
            if str(e.id or "").startswith("wagtail_liveblog.")
        ]


@pytest.mark.parametrize(
    "value",
    [
        {"WEBHOOK_TIMEOUT": 2.5, "WEBHOOK_RETRY_DELAYS": [], "WEBHOOK_LOG_DAYS": 7},
        {"WEBHOOK_RETRY_DELAYS": (0, 0.5, 60), "WEBHOOK_ALLOW_PRIVATE_TARGETS": True},
        {"WEBSUB_HUB": "https://pubsubhubbub.appspot.com/"},
        {"WEBSUB_HUB": None},
    ],
)
def test_valid_push_settings_pass(value):
    assert liveblog_errors(value) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            {"WEBHOOK_TIMEOUT": 0},
            (
                "wagtail_liveblog.E030",
                "WAGTAIL_LIVEBLOG['WEBHOOK_TIMEOUT'] must be a positive number of "
                "seconds, got 0.",
            ),
        ),
        (
            {"WEBHOOK_RETRY_DELAYS": [10, -1]},
            (
                "wagtail_liveblog.E031",
                "WAGTAIL_LIVEBLOG['WEBHOOK_RETRY_DELAYS'] must be a list of seconds "
                "(numbers, 0 or more), got [10, -1].",
            ),
        ),
        (
            {"WEBHOOK_RETRY_DELAYS": "60"},
            (
                "wagtail_liveblog.E031",
                "WAGTAIL_LIVEBLOG['WEBHOOK_RETRY_DELAYS'] must be a list of seconds "
                "(numbers, 0 or more), got '60'.",
            ),
        ),
        (
            {"WEBHOOK_ALLOW_PRIVATE_TARGETS": "yes"},
            (
                "wagtail_liveblog.E032",
                "WAGTAIL_LIVEBLOG['WEBHOOK_ALLOW_PRIVATE_TARGETS'] must be True or "
                "False, got 'yes'.",
            ),
        ),
        (
            {"WEBHOOK_LOG_DAYS": 1.5},
            (
                "wagtail_liveblog.E033",
                "WAGTAIL_LIVEBLOG['WEBHOOK_LOG_DAYS'] must be a positive whole number "
                "of days, got 1.5.",
            ),
        ),
        (
            {"WEBSUB_HUB": "hub.example.com"},
            (
                "wagtail_liveblog.E034",
                "WAGTAIL_LIVEBLOG['WEBSUB_HUB'] must be None or the http(s) URL of a "
                "WebSub hub, got 'hub.example.com'.",
            ),
        ),
    ],
)
def test_bad_push_settings_are_named(value, expected):
    assert liveblog_errors(value) == [expected]
