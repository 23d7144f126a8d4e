"""Seed the example site: a home page, an admin user and a demo live blog.

Safe to run again: whatever already exists is kept as it is. ``--reset``
deletes the demo blog and its pictures first and builds them afresh (with
times relative to now). ``--migrate`` applies the migrations first, in the
same process (``make run`` migrates this way, once).

On Wagtail 8 every run also gives the admin user a new API token for the
demo's API v3 (the one the previous run printed is deleted: Wagtail keeps
only a digest, so a token can be shown only when it is made) and prints it
with a ``curl`` command that posts an update with it.
"""

from __future__ import annotations

import os
import shlex
from datetime import datetime, timedelta
from io import BytesIO

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site

from home import demo_story
from home.demo_images import render_jpeg
from home.demo_story import I, Q
from home.models import HomePage
from wagtail_liveblog.editing import import_updates
from wagtail_liveblog.models import LiveBlogPage
from wagtail_liveblog.reading import queries

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "liveblog-demo"
COLLECTION_NAME = "Live blog demo"
TOKEN_NAME = "make run demo"
# The story spans the last six hours; the newest update is a few minutes old.
COVERAGE_HOURS = 6
OLDEST_MINUTES_AGO = 350
NEWEST_MINUTES_AGO = 3


class Command(BaseCommand):
    help = "Create the demo home page, admin user and live blog (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo live blog and its pictures, then seed it again.",
        )
        parser.add_argument(
            "--migrate",
            action="store_true",
            help="Apply the migrations first (make run).",
        )

    def handle(self, *args, reset: bool = False, migrate: bool = False, **options):
        if migrate:
            # One line, not one per migration (-v 2 lists them).
            self.stdout.write("Applying migrations (the first run takes a minute)...")
            verbosity = options["verbosity"]
            call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))
        with transaction.atomic():
            home = self.ensure_home()
            created_user = self.ensure_admin()
            if reset:
                self.delete_demo(home)
            blog, created_blog = self.ensure_blog(home)
            token = self.new_api_token()
        self.report(
            blog, created_blog=created_blog, created_user=created_user, token=token
        )

    # -- steps --------------------------------------------------------------

    def ensure_home(self) -> HomePage:
        site = Site.objects.filter(is_default_site=True).first()
        if site and isinstance(site.root_page.specific, HomePage):
            self.point_site_at_port(site)
            return site.root_page.specific
        root = Page.get_first_root_node()
        existing = HomePage.objects.first()
        if existing is None:
            # Wagtail's migrations leave a "Welcome to Wagtail" page as the
            # site root; replace it with the home page if it is unused.
            if (
                site
                and site.root_page.depth == 2
                and not site.root_page.get_children().exists()
            ):
                site.root_page.delete()
            existing = root.add_child(
                instance=HomePage(
                    title=demo_story.HOME_TITLE,
                    slug="home",
                    intro=demo_story.HOME_INTRO,
                )
            )
            existing.save_revision().publish()
        if site is None:
            site = Site(is_default_site=True)
        site.root_page = existing
        site.site_name = demo_story.HOME_TITLE
        self.point_site_at_port(site)
        return existing

    def point_site_at_port(self, site: Site) -> None:
        """Make the site's full URLs (API, feed, admin links) use this port."""
        port = int(os.environ.get("PORT") or 8000)
        if (site.hostname, site.port) != ("127.0.0.1", port) or site.pk is None:
            site.hostname, site.port = "127.0.0.1", port
            site.save()

    def ensure_admin(self) -> bool:
        users = get_user_model()
        if users.objects.filter(username=ADMIN_USERNAME).exists():
            return False
        users.objects.create_superuser(
            ADMIN_USERNAME, "admin@example.com", ADMIN_PASSWORD
        )
        return True

    def new_api_token(self) -> str | None:
        """A new API v3 token of the admin user (Wagtail 8), replacing the
        one an earlier run made; None without API v3."""
        if not apps.is_installed("wagtail.api.v3"):
            return None
        from wagtail.models import APIToken

        admin = get_user_model().objects.get(username=ADMIN_USERNAME)
        APIToken.objects.filter(user=admin, name=TOKEN_NAME).delete()
        _, plaintext = APIToken.create_token(user=admin, name=TOKEN_NAME)
        return plaintext

    def delete_demo(self, home: HomePage) -> None:
        for page in LiveBlogPage.objects.child_of(home).filter(slug=demo_story.SLUG):
            page.delete()
        collection = Collection.objects.filter(name=COLLECTION_NAME).first()
        if collection:
            for image in get_image_model().objects.filter(collection=collection):
                image.delete()

    def ensure_blog(self, home: HomePage) -> tuple[LiveBlogPage, bool]:
        existing = (
            LiveBlogPage.objects.child_of(home).filter(slug=demo_story.SLUG).first()
        )
        if existing:
            return existing, False

        now = timezone.now()
        images = self.make_images()
        blog = home.add_child(
            instance=LiveBlogPage(
                title=demo_story.TITLE,
                slug=demo_story.SLUG,
                intro=demo_story.INTRO,
                summary=demo_story.SUMMARY,
                coverage_start=now - timedelta(hours=COVERAGE_HOURS),
                search_description="Live updates as Storm Ingrid reaches the "
                "Westmarch coast (a fictional demo story).",
            )
        )
        admin = get_user_model().objects.get(username=ADMIN_USERNAME)
        blog.save_revision(user=admin).publish(user=admin)
        # The story so far, as a newsroom moving from another system would
        # load it: in bulk, oldest first, each update with its own history.
        import_updates(
            blog, user=admin, updates=build_updates(demo_story.UPDATES, images, now)
        )
        return blog, True

    def make_images(self) -> dict[str, int]:
        """Draw each scene the story uses once; return image ids by scene."""
        root = Collection.get_first_root_node()
        collection = Collection.objects.filter(name=COLLECTION_NAME).first()
        if collection is None:
            collection = root.add_child(name=COLLECTION_NAME)
        image_model = get_image_model()
        ids: dict[str, int] = {}
        for update in demo_story.UPDATES:
            for item in update.body:
                if isinstance(item, I) and item.scene not in ids:
                    image = image_model.objects.create(
                        title=item.caption.split(",")[0][:255],
                        description=item.alt[:255],
                        collection=collection,
                        file=ImageFile(
                            BytesIO(render_jpeg(item.scene)),
                            name=f"demo-{item.scene}.jpg",
                        ),
                    )
                    ids[item.scene] = image.pk
        return ids

    # -- output ---------------------------------------------------------------

    def report(
        self,
        blog: LiveBlogPage,
        *,
        created_blog: bool,
        created_user: bool,
        token: str | None = None,
    ) -> None:
        port = os.environ.get("PORT") or "8000"
        base = f"http://127.0.0.1:{port}"
        count = queries.count(blog.pk) if created_blog else None
        status = (
            f"Created the demo live blog ({count} updates)."
            if created_blog
            else "The demo live blog already exists (seed_demo --reset rebuilds it)."
        )
        login = f"{ADMIN_USERNAME} / {ADMIN_PASSWORD}"
        if not created_user:
            login += "  (existing user, password unchanged)"
        lines = [
            "wagtail-liveblog demo",
            "",
            status,
            "",
            f"Live blog:  {base}{blog.url}",
            f"Home page:  {base}/",
            f"Admin:      {base}/admin/",
            f"Login:      {login}",
            "",
            "To watch new updates arrive, run in another terminal:",
            "  .venv/bin/python example_site/manage.py demo_ticker",
        ]
        width = max(len(line) for line in lines) + 4
        rule = "=" * width
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(rule))
        for line in lines:
            self.stdout.write(self.style.SUCCESS(f"  {line}".ljust(width)))
        self.stdout.write(self.style.SUCCESS(rule))
        self.stdout.write("")
        if token:
            self.stdout.write(api_v3_help(base, blog.pk, token))
            self.stdout.write("")


def api_v3_help(base: str, page_id: int, token: str) -> str:
    """How to post to the demo blog through API v3: the token and a curl
    command to paste into a POSIX shell (no line padded after its ``\\``)."""
    updates = f"{base}/api/v3/liveblogs/{page_id}/updates/"
    update = (
        '{"headline": "Posted with curl", "body": [{"type": "text", '
        '"value": "<p>Hello from the write API.</p>"}]}'
    )
    return "\n".join(
        [
            f"API v3:     {base}/api/v3/liveblogs/{page_id}/  (all routes: "
            f"{base}/api/v3/docs/)",
            f"API token:  {token}  (admin's; a new one every run)",
            "",
            "Post an update (retrying with the same Idempotency-Key never "
            "posts twice):",
            "",
            f"curl -X POST {updates} \\",
            f'  -H "Authorization: Bearer {token}" \\',
            '  -H "Idempotency-Key: demo-$(date +%s)" \\',
            '  -H "Content-Type: application/json" \\',
            f"  -d {shlex.quote(update)}",
        ]
    )


def build_updates(updates: list, images: dict[str, int], now: datetime) -> list[dict]:
    """The story's updates for ``import_updates``, oldest first, spread over
    the last hours."""
    count = len(updates)
    span = OLDEST_MINUTES_AGO - NEWEST_MINUTES_AGO
    times = []
    for index in range(count):
        minutes_ago = OLDEST_MINUTES_AGO - span * index / max(count - 1, 1)
        # A little irregularity, so the times do not look machine-made.
        minutes_ago += (index * 7 % 5) - 2 if 0 < index < count - 1 else 0
        times.append(
            (now - timedelta(minutes=minutes_ago)).replace(second=0, microsecond=0)
        )
    clock = {
        u.key: local_clock(t) for u, t in zip(updates, times, strict=True) if u.key
    }

    items = []
    for update, posted_at in zip(updates, times, strict=True):
        words = {**clock, "time": local_clock(posted_at)}
        items.append(
            {
                "headline": update.headline,
                "authors": update.authors,
                "body": [body_item(part, images, words) for part in update.body],
                "pinned": update.pinned,
                "key_event": update.key_event,
                "posted_at": posted_at,
            }
        )
    return items


def local_clock(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%H:%M")


def fill(text: str, words: dict[str, str]) -> str:
    for name, value in words.items():
        text = text.replace("{" + name + "}", value)
    return text


def body_item(part, images: dict[str, int], words: dict[str, str]) -> dict:
    if isinstance(part, Q):
        value = {"text": fill(part.text, words), "attribution": part.attribution}
        return {"type": "quote", "value": value}
    if isinstance(part, I):
        value = {
            "image": images[part.scene],
            "caption": fill(part.caption, words),
            "credit": part.credit,
            "alt": part.alt,
        }
        return {"type": "image", "value": value}
    return {"type": "text", "value": f"<p>{fill(part, words)}</p>"}
