"""``router``: the ``liveblogs`` resource of Wagtail 8's API v3.

A site adds it to Wagtail's v3 API before the API's URLs are built::

    from wagtail.api.v3.urls import api
    from wagtail_liveblog.api.v3 import router as liveblogs_router

    api.add_router("/liveblogs/", liveblogs_router)
    urlpatterns = [path("api/v3/", api.urls), ...]

Its read routes are in ``reads.py``, its write routes in ``writes.py``
(the package's ``__init__`` loads both): one router, since a path takes
reads and writes (``GET`` and ``POST …/updates/``).
"""

from __future__ import annotations

from ninja import Router

router = Router(tags=["liveblogs"])
