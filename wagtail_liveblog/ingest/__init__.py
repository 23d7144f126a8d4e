"""Chat ingest: post to a live blog from Slack and Telegram.

An optional Django app. A site adds ``"wagtail_liveblog.ingest"`` to
``INSTALLED_APPS``, includes ``wagtail_liveblog.ingest.urls`` and connects
channels to blogs under **Settings → Live blog chat connections**. See
``docs/posting.md``.

- ``slack.py`` / ``telegram.py``: the receivers (signatures checked) and
  how each service's messages read;
- ``messages.py``: one message → one update, the same for both services;
- ``formatting.py``: a message's styled text (spans, lines) and its HTML;
- ``client.py``: the one way out to the services (photos, names); their
  photos go into Wagtail's image library through ``editing/images.py``,
  with Wagtail's validation, as the write API's uploads do.
"""
