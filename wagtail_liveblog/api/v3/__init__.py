"""API v3 (Wagtail 8): the ``liveblogs`` router, read and write.

``from wagtail_liveblog.api.v3 import router`` then, before the API's URLs
are built, ``api.add_router("/liveblogs/", router)`` on
``wagtail.api.v3.urls.api``. Wagtail 7.4 has no API v3: importing this
module there raises ``ImportError`` saying so; API v2 and everything else
work as before.
"""

try:
    import ninja  # noqa: F401
    import wagtail.api.v3.auth
except ImportError as error:  # Wagtail 7.4, or django-ninja missing
    import wagtail

    raise ImportError(
        "wagtail_liveblog.api.v3 needs Wagtail 8's API v3 (wagtail.api.v3, "
        f"with django-ninja); this site runs Wagtail {wagtail.__version__}. "
        "Use the API v2 endpoint (wagtail_liveblog.api.LiveBlogAPIViewSet), "
        "or upgrade to Wagtail 8."
    ) from error

from . import reads, writes  # noqa: F401 - their routes join the router
from .router import router

__all__ = ["router"]
