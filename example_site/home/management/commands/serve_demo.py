"""Serve the example site and fire its schedules: what ``make run`` runs.

``runserver`` (Daphne's, over ASGI) plus Wagtail's ``publish_scheduled``
every ``--publish-every`` seconds (30 by default; 0 turns it off), so that
updates and pages scheduled in the demo go live on time, as cron or a
systemd timer makes them go live on a real site (docs/deployment.md,
"Scheduled publishing")::

    PORT=8000 .venv/bin/python example_site/manage.py serve_demo --nostatic 127.0.0.1:8000

The schedule runs in a thread of the process that serves, started with the
server (after the autoreloader's restart, in the new process) and ending
with it. It belongs to this development command only: nothing in the
package starts a thread.
"""

from __future__ import annotations

import logging
import threading

from daphne.management.commands.runserver import Command as RunserverCommand
from django.core.management import call_command
from django.db import close_old_connections, connections
from django.utils import timezone
from wagtail.models import Revision

logger = logging.getLogger(__name__)

DEFAULT_EVERY = 30.0


class Command(RunserverCommand):
    help = (
        "runserver, plus Wagtail's publish_scheduled every --publish-every "
        "seconds while it runs (make run)."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--publish-every",
            type=float,
            default=DEFAULT_EVERY,
            help="seconds between runs of publish_scheduled (0: never); "
            f"default {DEFAULT_EVERY:g}",
        )

    def inner_run(self, *args, **options):
        every = options["publish_every"]
        if every > 0:
            scheduler = threading.Thread(
                target=publish_scheduled_every,
                args=(every, self.stdout),
                name="publish_scheduled",
                daemon=True,
            )
            scheduler.start()
            self.stdout.write(
                f"Scheduled publishing: publish_scheduled runs every {every:g} s."
            )
        return super().inner_run(*args, **options)


def publish_scheduled_every(every: float, stdout, stop: threading.Event | None = None):
    """Run ``publish_scheduled`` now and then every ``every`` seconds until
    ``stop`` is set (never, for the server's daemon thread)."""
    stop = stop or threading.Event()
    while True:
        publish_due(stdout)
        if stop.wait(every):
            return


def publish_due(stdout) -> int:
    """One run of ``publish_scheduled``; returns how many scheduled
    revisions it found due, and says so when there were any. A failure is
    logged and the next run tries again."""
    close_old_connections()
    try:
        due = Revision.objects.filter(approved_go_live_at__lt=timezone.now()).count()
        call_command("publish_scheduled", verbosity=0)
    except Exception:
        logger.exception("publish_scheduled failed; trying again at the next run")
        return 0
    finally:
        connections.close_all()
    if due:
        stamp = timezone.localtime().strftime("%H:%M:%S")
        stdout.write(
            f"[{stamp}] Scheduled publishing: {due} scheduled change(s) published."
        )
    return due
