"""System checks of the ``WAGTAIL_LIVEBLOG`` setting, as ``manage.py check``
runs them."""

from __future__ import annotations

import pytest
from django.core.checks import run_checks
from django.test import override_settings

from wagtail_liveblog import conf


def liveblog_errors(value) -> list:
    with override_settings(WAGTAIL_LIVEBLOG=value):
        return [
            e for e in run_checks() if str(e.id or "").startswith("wagtail_liveblog.")
        ]


def ids(errors) -> list[str]:
    return [e.id for e in errors]


@pytest.mark.parametrize(
    "value",
    [
        {},
        None,
        {"PAGE_SIZE": 10, "MAX_PAGE_SIZE": 50, "POLL_INTERVAL": 2.5},
        {"CACHE_MAX_AGE": 0},
        {"IMAGE_RENDITIONS": ["width-320", "fill-800x450", "max-1600x1600"]},
        {"IMAGE_RENDITIONS": ("width-640",), "FEED_SIZE": 5},
        {"PUBLISHER": {"name": "The Courier"}, "MAX_PINNED": 1},
        {"PUBLISHER": {"name": "The Courier", "logo": "https://x.example/l.png"}},
        {"MAX_HEADLINE_LENGTH": 255, "MAX_BLOCKS": 5, "MAX_BODY_LENGTH": 500},
        dict(conf.DEFAULTS),
    ],
)
def test_valid_settings_pass(value):
    assert liveblog_errors(value) == []


def test_not_a_dict_is_e001():
    errors = liveblog_errors(["PAGE_SIZE", 20])
    assert ids(errors) == ["wagtail_liveblog.E001"]
    assert "WAGTAIL_LIVEBLOG" in errors[0].msg


def test_unknown_key_is_e002_naming_it():
    errors = liveblog_errors({"PAGESIZE": 20, "PAGE_SIZE": 20})
    assert ids(errors) == ["wagtail_liveblog.E002"]
    assert "PAGESIZE" in errors[0].msg
    assert "PAGE_SIZE" in errors[0].hint


@pytest.mark.parametrize("key", ["PAGE_SIZE", "MAX_PAGE_SIZE", "FEED_SIZE"])
@pytest.mark.parametrize("bad", [-5, 0, "20", 2.5, True, None])
def test_sizes_must_be_positive_whole_numbers(key, bad):
    errors = liveblog_errors({key: bad})
    assert "wagtail_liveblog.E003" in ids(errors)
    [error] = [e for e in errors if e.id == "wagtail_liveblog.E003"]
    assert key in error.msg


def test_negative_page_size_names_the_setting():
    errors = liveblog_errors({"PAGE_SIZE": -1})
    assert ids(errors) == ["wagtail_liveblog.E003"]
    assert "PAGE_SIZE" in errors[0].msg and "-1" in errors[0].msg


def test_page_size_above_max_is_e004():
    errors = liveblog_errors({"PAGE_SIZE": 150})
    assert ids(errors) == ["wagtail_liveblog.E004"]
    assert "PAGE_SIZE" in errors[0].msg and "MAX_PAGE_SIZE" in errors[0].msg
    errors = liveblog_errors({"PAGE_SIZE": 30, "MAX_PAGE_SIZE": 25})
    assert ids(errors) == ["wagtail_liveblog.E004"]


@pytest.mark.parametrize(
    ("key", "bad", "error_id"),
    [
        ("POLL_INTERVAL", 0, "E005"),
        ("POLL_INTERVAL", -3, "E005"),
        ("POLL_INTERVAL", "10", "E005"),
        ("POLL_INTERVAL", None, "E005"),
        ("CACHE_MAX_AGE", -1, "E006"),
        ("CACHE_MAX_AGE", 1.5, "E006"),
        ("CACHE_MAX_AGE", "5", "E006"),
        ("KEY_EVENTS_SHOWN", 0, "E003"),
        ("MAX_PINNED", -1, "E003"),
        ("MAX_BLOCKS", "30", "E003"),
        ("MAX_BODY_LENGTH", 0, "E003"),
        ("MAX_HEADLINE_LENGTH", True, "E003"),
        ("MAX_HEADLINE_LENGTH", 300, "E010"),
        ("PUBLISHER", "The Courier", "E011"),
        ("PUBLISHER", {"name": ""}, "E011"),
        ("PUBLISHER", {"name": "Courier", "logo": 3}, "E011"),
        ("PUBLISHER", {"name": "Courier", "url": "x"}, "E011"),
        ("IMAGE_RENDITIONS", "width-800", "E008"),
        ("IMAGE_RENDITIONS", ["width-abc"], "E008"),
        ("IMAGE_RENDITIONS", [], "E008"),
        ("IMAGE_RENDITIONS", ["nope"], "E008"),
        ("IMAGE_RENDITIONS", "nope", "E008"),
        ("IMAGE_RENDITIONS", ["width-480", 800], "E008"),
        ("IMAGE_RENDITIONS", None, "E008"),
    ],
)
def test_bad_values_have_their_ids(key, bad, error_id):
    errors = liveblog_errors({key: bad})
    assert ids(errors) == [f"wagtail_liveblog.{error_id}"]
    assert key in errors[0].msg


@pytest.mark.parametrize("key", ["KEEP_REVISIONS", "INLINE_EDITING"])
def test_removed_settings_are_reported_as_removed(settings, key):
    """Settings that v2 removed are errors that say so, in ``manage.py check``
    and on first use alike."""
    from django.core.exceptions import ImproperlyConfigured

    errors = liveblog_errors({key: 50})
    assert ids(errors) == ["wagtail_liveblog.E002"]
    assert key in errors[0].msg and "removed" in errors[0].msg
    assert f"Delete '{key}'" in errors[0].hint
    settings.WAGTAIL_LIVEBLOG = {key: 50}
    with pytest.raises(ImproperlyConfigured, match=f"{key} was removed"):
        conf.get("PAGE_SIZE")


def test_several_problems_are_all_reported():
    errors = liveblog_errors({"PAGE_SIZE": -1, "POLL_INTERVAL": 0, "TYPO": 1})
    assert sorted(ids(errors)) == [
        "wagtail_liveblog.E002",
        "wagtail_liveblog.E003",
        "wagtail_liveblog.E005",
    ]


def test_conf_reads_overrides_and_defaults(settings):
    settings.WAGTAIL_LIVEBLOG = {"PAGE_SIZE": 7}
    assert conf.get("PAGE_SIZE") == 7
    assert conf.get("MAX_PAGE_SIZE") == conf.DEFAULTS["MAX_PAGE_SIZE"]
    settings.WAGTAIL_LIVEBLOG = {}
    assert conf.get("PAGE_SIZE") == 20


def test_odd_keys_are_reported_not_crashed_on():
    errors = liveblog_errors({"FOO": 1, 2: 3, None: 4})
    assert ids(errors) == ["wagtail_liveblog.E002"] * 3
    assert any("'FOO'" in e.msg for e in errors)


def test_unknown_key_is_an_error_on_first_use_even_without_checks(settings):
    """Under gunicorn no system checks run: a typo must still not pass."""
    from django.core.exceptions import ImproperlyConfigured

    from wagtail_liveblog import conf

    settings.WAGTAIL_LIVEBLOG = {"PAGESIZE": 10}
    with pytest.raises(ImproperlyConfigured, match="PAGESIZE"):
        conf.get("PAGE_SIZE")
    settings.WAGTAIL_LIVEBLOG = {"PAGE_SIZE": 10}
    assert conf.get("PAGE_SIZE") == 10


def test_the_poll_middleware_with_a_per_process_cache_is_a_warning(settings):
    from django.core.checks import run_checks

    def ids() -> set[str]:
        return {message.id for message in run_checks()}

    middleware = "wagtail_liveblog.middleware.LiveBlogPollMiddleware"
    settings.MIDDLEWARE = [middleware, *settings.MIDDLEWARE]
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    assert "wagtail_liveblog.W002" in ids()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379",
        }
    }
    assert "wagtail_liveblog.W002" not in ids()
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != middleware]
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    assert "wagtail_liveblog.W002" not in ids()


@pytest.mark.parametrize(
    ("stream", "extra", "expected"),
    [
        ({"EVENT_STREAM": "websocket"}, {}, "wagtail_liveblog.E016"),
        (
            {"EVENT_STREAM": "embedded", "EVENTS_HEARTBEAT": 0},
            {},
            "wagtail_liveblog.E017",
        ),
        ({"EVENT_STREAM": "grip"}, {}, "wagtail_liveblog.E018"),
        ({"EVENT_STREAM": "embedded"}, {}, "wagtail_liveblog.W003"),
    ],
)
def test_the_event_stream_settings_are_checked(settings, stream, extra, expected):
    from django.core.checks import run_checks

    settings.WAGTAIL_LIVEBLOG = stream
    messages = {message.id: message.msg for message in run_checks()}
    assert expected in messages


def test_a_grip_site_set_up_as_the_docs_say_passes(settings):
    from django.core.checks import run_checks

    pytest.importorskip("django_grip")
    settings.WAGTAIL_LIVEBLOG = {"EVENT_STREAM": "grip"}
    settings.MIDDLEWARE = ["django_grip.GripMiddleware", *settings.MIDDLEWARE]
    settings.GRIP_URL = "http://127.0.0.1:5561?key=pushpins-sig-key"
    ids = {message.id for message in run_checks()}
    assert (
        not {
            "wagtail_liveblog.E016",
            "wagtail_liveblog.E017",
            "wagtail_liveblog.E018",
            "wagtail_liveblog.E019",
        }
        & ids
    )
    settings.MIDDLEWARE = settings.MIDDLEWARE[1:]
    [message] = [m for m in run_checks() if m.id == "wagtail_liveblog.E018"]
    assert "'django_grip.GripMiddleware' in MIDDLEWARE" in message.msg


def test_a_verify_key_without_a_key_is_named(settings):
    """django-grip 3.5 answers 500 to every proxied request then."""
    from django.core.checks import run_checks

    pytest.importorskip("django_grip")
    settings.WAGTAIL_LIVEBLOG = {"EVENT_STREAM": "grip"}
    settings.MIDDLEWARE = ["django_grip.GripMiddleware", *settings.MIDDLEWARE]
    settings.GRIP_URL = "http://127.0.0.1:5561?verify-key=pushpins-sig-key"
    [message] = [m for m in run_checks() if m.id == "wagtail_liveblog.E019"]
    assert "verify-key without a key" in message.msg
    assert "?key=<sig_key>" in message.hint
