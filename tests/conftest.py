import pytest
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
