import os

import pytest
from hypothesis import settings as hypothesis_settings
from wagtail.models import Page, Site

from tests.factories import LiveBlogPageFactory


@pytest.fixture
def home(db):
    """The default site's root page (created by Wagtail's migrations)."""
    site = Site.objects.get(is_default_site=True)
    return site.root_page


@pytest.fixture
def blog(home):
    page = LiveBlogPageFactory(parent=home)
    return page


@pytest.fixture
def root_page(db):
    return Page.get_first_root_node()


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "slow: takes seconds (builds the wheel); deselect with -m 'not slow'"
    )


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Start every test with an empty cache: Wagtail caches the site root
    paths there, and a Site created in a rolled-back test would otherwise
    make later tests' page URLs absolute."""
    from django.core.cache import cache

    cache.clear()
    yield


# Fuzz tests: a quick pass in the everyday loop, a thorough one in CI
# (``.ci/run`` sets HYPOTHESIS_PROFILE=ci).
hypothesis_settings.register_profile("dev", max_examples=40)
hypothesis_settings.register_profile("ci", max_examples=400)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
