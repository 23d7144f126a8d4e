"""The Python editing API of wagtail-liveblog (see ``api.py`` for posting,
editing and removing updates, ``imports.py`` for importing many, and
``blog_page.py`` for changes to the blog page itself).

from wagtail_liveblog import editing

update_id = editing.post_update(blog, user=reporter, headline="...",
                                body=[{"type": "text", "value": "<p>...</p>"}])
"""

from .api import UpdateLocked, UpdateNotFound, edit_update, post_update, remove_update
from .blog_page import PageLocked, end_coverage, start_coverage, update_key_points
from .errors import UpdateValidationError, locations
from .imports import import_updates

__all__ = [
    "PageLocked",
    "UpdateLocked",
    "UpdateNotFound",
    "UpdateValidationError",
    "edit_update",
    "end_coverage",
    "import_updates",
    "locations",
    "post_update",
    "remove_update",
    "start_coverage",
    "update_key_points",
]
