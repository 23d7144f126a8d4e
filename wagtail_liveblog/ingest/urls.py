"""The receivers, for a site to include::

    path("liveblog-ingest/", include("wagtail_liveblog.ingest.urls")),

- ``slack/events/``: Slack's Events API (the app's Request URL);
- ``slack/command/``: the ``/liveblog`` slash command;
- ``telegram/``: the Telegram bot's webhook.
"""

from django.urls import path

from . import slack, telegram

app_name = "wagtail_liveblog_ingest"

urlpatterns = [
    path("slack/events/", slack.events, name="slack_events"),
    path("slack/command/", slack.command, name="slack_command"),
    path("telegram/", telegram.webhook, name="telegram_webhook"),
]
