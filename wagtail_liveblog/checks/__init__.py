"""System checks for the ``WAGTAIL_LIVEBLOG`` setting and the site around it.

Each problem has a stable id so a site can silence one deliberately.
Importing this package (``apps.py``, in ``ready()``) registers the checks:

- ``settings.py``: the dict and its values (E001–E006, E010–E015), with
  ``event_stream.py`` (E016–E019, W003) and ``renditions.py`` (E008);
- ``push.py``: the settings of webhooks and WebSub (E030–E034);
- ``poll_cache.py``: the fast poll's cache (W002).

``values.py`` holds the tests of a value that more than one check uses.
"""

from . import poll_cache, push, settings  # noqa: F401 - registers the checks
