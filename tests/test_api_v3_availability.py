"""``wagtail_liveblog.api.v3`` exists on Wagtail 8 and says why it does not
on Wagtail 7.4, where everything else keeps working."""

from __future__ import annotations

import importlib
import sys

import pytest


def has_api_v3() -> bool:
    try:
        importlib.import_module("wagtail.api.v3.auth")
    except ImportError:
        return False
    return True


@pytest.mark.skipif(not has_api_v3(), reason="API v3 needs Wagtail 8")
def test_the_router_imports_on_wagtail_8():
    from ninja import Router

    from wagtail_liveblog.api.v3 import router

    assert isinstance(router, Router)


@pytest.mark.skipif(has_api_v3(), reason="Wagtail 8 has API v3")
def test_importing_it_on_wagtail_7_fails_clearly(monkeypatch):
    monkeypatch.delitem(sys.modules, "wagtail_liveblog.api.v3", raising=False)
    with pytest.raises(ImportError, match="needs Wagtail 8's API v3"):
        importlib.import_module("wagtail_liveblog.api.v3")
    # The rest of the package is unaffected.
    from wagtail_liveblog.api import LiveBlogAPIViewSet
    from wagtail_liveblog.ingest import slack, telegram

    names = {pattern.name for pattern in LiveBlogAPIViewSet.get_urlpatterns()}
    assert {"listing", "detail", "updates", "update"} <= names
    assert slack.events and telegram.webhook
