"""Reads: the probes of every reader request, ours and naive, and which naive
request each of ours is compared with."""

from __future__ import annotations

from benchmarks.content import Blogs, current_version, twentieth_update_id
from benchmarks.measure import Probe, get_probe
from benchmarks.operations import (
    API_BLOG_DETAIL,
    API_FIRST_PAGE,
    API_LOAD_MORE,
    API_PAGES_DETAIL,
    API_POLL_NO_CHANGE,
    API_POLL_ONE_NEW,
    FRAGMENT_LOAD_MORE,
    POLL_NO_CHANGE,
    POLL_NO_CHANGE_FAST,
    POLL_ONE_NEW,
    READER_PAGE,
    REVALIDATE_API,
    REVALIDATE_POLL,
    REVALIDATE_POLL_FAST,
)
from benchmarks.publishing import post_update, publish_naive


def api_available() -> bool:
    from django.urls import NoReverseMatch, reverse

    try:
        reverse("wagtailapi:liveblogs:listing")
    except NoReverseMatch:
        return False
    return True


def fast_poll_client(poll_url: str):
    """A test client whose middleware starts with LiveBlogPollMiddleware.

    The client loads its middleware on its first request, made here inside
    the override (which also leaves the gate for ``poll_url``).
    """
    from django.conf import settings
    from django.test import Client, override_settings

    middleware = ["wagtail_liveblog.middleware.LiveBlogPollMiddleware"]
    client = Client()
    with override_settings(MIDDLEWARE=[*middleware, *settings.MIDDLEWARE]):
        client.get(poll_url)
    return client


# The largest size at which the naive requests' peak memory is measured.
NAIVE_PEAK_MAX = 5000


def naive_options(size: int, sizes: list[int]) -> dict:
    """How the naive requests of a size are measured.

    They take up to seconds each (the whole stream), so they are warmed up
    at the smallest size only (what warming loads is the same at every
    size) and their peak memory is taken up to 5,000 updates only:
    under ``tracemalloc`` the naive 20,000-update render takes half a
    minute.
    """
    return {"warm": size == min(sizes), "memory": size <= NAIVE_PEAK_MAX}


def read_probes(
    client, blogs: Blogs, has_api: bool, sizes: list[int] | None = None
) -> list[Probe]:
    """Every read, ours and naive, before anything is published again."""
    size = blogs.size
    api = f"/api/v2/liveblogs/{blogs.ours_id}/"
    version = current_version(blogs.ours_id)
    before = twentieth_update_id(blogs.ours_id)
    poll = f"{blogs.ours_url}poll/?since={version}"
    naive = naive_options(size, sizes or [size])
    probes = [
        get_probe(
            client,
            ("naive-detail", size),
            f"/api/v2/pages/{blogs.naive_id}/",
            **naive,
        ),
        get_probe(client, ("naive-page", size), blogs.naive_url, **naive),
        get_probe(client, (API_PAGES_DETAIL, size), f"/api/v2/pages/{blogs.ours_id}/"),
        get_probe(
            client,
            (FRAGMENT_LOAD_MORE, size),
            f"{blogs.ours_url}updates/?before={before}",
        ),
        get_probe(client, (POLL_NO_CHANGE, size), poll),
        get_probe(
            client,
            (REVALIDATE_POLL, size),
            poll,
            {"If-None-Match": client.get(poll).get("ETag") or '"none"'},
            expect=(304,),
        ),
        get_probe(client, (READER_PAGE, size), blogs.ours_url),
    ]
    fast = fast_poll_client(poll)
    probes += [
        get_probe(fast, (POLL_NO_CHANGE_FAST, size), poll),
        get_probe(
            fast,
            (REVALIDATE_POLL_FAST, size),
            poll,
            {"If-None-Match": fast.get(poll).get("ETag") or '"none"'},
            expect=(304,),
        ),
    ]
    if has_api:
        first = f"{api}updates/"
        probes += [
            get_probe(client, (API_FIRST_PAGE, size), first),
            get_probe(client, (API_BLOG_DETAIL, size), api),
            get_probe(client, (API_LOAD_MORE, size), f"{first}?before={before}"),
            get_probe(client, (API_POLL_NO_CHANGE, size), f"{first}?since={version}"),
            get_probe(
                client,
                (REVALIDATE_API, size),
                first,
                {"If-None-Match": client.get(first).get("ETag") or '"none"'},
                expect=(304,),
            ),
        ]
    return probes


def after_one_new_probes(
    client, blogs: Blogs, has_api: bool, sizes: list[int] | None = None
) -> list[Probe]:
    """Publish one update on both blogs; poll since the version before it."""
    size = blogs.size
    version = current_version(blogs.ours_id)
    post_update(blogs)
    publish_naive(blogs)
    probes = [
        get_probe(
            client,
            ("naive-detail-after", size),
            f"/api/v2/pages/{blogs.naive_id}/",
            **naive_options(size, sizes or [size]),
        ),
        get_probe(
            client, (POLL_ONE_NEW, size), f"{blogs.ours_url}poll/?since={version}"
        ),
    ]
    if has_api:
        probes.append(
            get_probe(
                client,
                (API_POLL_ONE_NEW, size),
                f"/api/v2/liveblogs/{blogs.ours_id}/updates/?since={version}",
            )
        )
    return probes


NAIVE_COUNTERPART = {
    API_FIRST_PAGE: ("naive-detail", ""),
    API_BLOG_DETAIL: ("naive-detail", ""),
    API_PAGES_DETAIL: ("naive-detail", ""),
    API_LOAD_MORE: ("naive-detail", "naive: the whole stream"),
    FRAGMENT_LOAD_MORE: ("naive-page", "naive: the whole page"),
    POLL_NO_CHANGE: ("naive-detail", ""),
    POLL_NO_CHANGE_FAST: ("naive-detail", "optional middleware"),
    API_POLL_NO_CHANGE: ("naive-detail", ""),
    REVALIDATE_POLL: ("naive-detail", "naive has no ETag: full response"),
    REVALIDATE_POLL_FAST: ("naive-detail", "optional middleware; naive: full response"),
    REVALIDATE_API: ("naive-detail", "naive has no ETag: full response"),
    READER_PAGE: ("naive-page", ""),
    POLL_ONE_NEW: ("naive-detail-after", ""),
    API_POLL_ONE_NEW: ("naive-detail-after", ""),
}
API_OPERATIONS = {
    API_FIRST_PAGE,
    API_BLOG_DETAIL,
    API_LOAD_MORE,
    API_POLL_NO_CHANGE,
    REVALIDATE_API,
    API_POLL_ONE_NEW,
}
