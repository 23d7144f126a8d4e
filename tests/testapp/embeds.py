"""An oEmbed finder that answers from a table instead of the network, for
the tests (``WAGTAILEMBEDS_FINDERS`` in tests/settings.py)."""

from __future__ import annotations

from wagtail.embeds.exceptions import EmbedNotFoundException
from wagtail.embeds.finders.base import EmbedFinder

KNOWN = {
    "https://video.example/watch/levee": {
        "title": "Levee breach at Elm Street",
        "author_name": "Courier video desk",
        "provider_name": "ExampleTube",
        "type": "video",
        "thumbnail_url": "https://video.example/thumbs/levee.jpg",
        "width": 640,
        "height": 360,
        "html": '<iframe src="https://video.example/embed/levee" width="640" '
        'height="360" title="Levee breach at Elm Street" allowfullscreen></iframe>',
    },
    "https://social.example/mayor/status/1": {
        "title": "",
        "author_name": "Mayor Ana Reyes",
        "provider_name": "ExampleSocial",
        "type": "rich",
        "thumbnail_url": "",
        "width": 550,
        "height": None,
        "html": '<blockquote class="social-post"><p>Leave the low streets '
        "now.</p>&mdash; Mayor Ana Reyes</blockquote>",
    },
}


class LocalEmbedFinder(EmbedFinder):
    def accept(self, url: str) -> bool:
        return url.startswith(("https://video.example/", "https://social.example/"))

    def find_embed(self, url, max_width=None, max_height=None):
        try:
            return dict(KNOWN[url])
        except KeyError:
            raise EmbedNotFoundException from None
