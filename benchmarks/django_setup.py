"""Django for the benchmarks: ``benchmarks.settings`` on a fresh database."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django(
    database: str | None = None, *, migrate: bool = True, fast_schema: bool = False
) -> None:
    """Configure Django with ``benchmarks.settings`` on a fresh database.

    ``fast_schema`` creates the tables straight from the models instead of
    running every migration (seconds instead of tens of seconds), then adds
    what Wagtail's data migrations would: a locale, a root page, a home page
    and the default site. The smoke test uses it; real runs migrate.
    """
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    if database:
        os.environ["BENCH_SQLITE"] = database
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
    import django
    from django.conf import settings

    if fast_schema:
        settings.MIGRATION_MODULES = _NoMigrations()
    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False, run_syncdb=fast_schema)
        if fast_schema:
            _initial_site()


class _NoMigrations(dict):
    def __contains__(self, item: object) -> bool:
        return True

    def __getitem__(self, item: str) -> None:
        return None


def _initial_site() -> None:
    from wagtail.models import Locale, Page, Site

    if Site.objects.exists():
        return
    Locale.objects.get_or_create(language_code="en")
    root = Page.add_root(title="Root", slug="root")
    home = root.add_child(instance=Page(title="Home", slug="home"))
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
