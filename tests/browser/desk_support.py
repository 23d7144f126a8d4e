"""What the desk's browser tests share: a logged-in admin tab (``Desk``),
its users (the fixtures are in ``conftest.py``), and the docs' screenshots
(docs/images/, when LIVEBLOG_SCREENSHOTS=1)."""

from __future__ import annotations

import os
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from tests.browser.constants import POLL_INTERVAL

IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"
# Two desk polls plus the time to render the listing.
REFRESH_MS = int(2 * POLL_INTERVAL * 1000) + 2500


def docs_screenshot(page, name: str) -> None:
    """A screenshot for the docs, docs/images/NAME, taken when
    LIVEBLOG_SCREENSHOTS=1 (as ``test_screenshots.py`` does); an ordinary
    run does not spend the time encoding it."""
    if os.environ.get("LIVEBLOG_SCREENSHOTS"):
        IMAGES.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(IMAGES / name))


def make_user(username: str, group: str | None, first: str, last: str, **extra):
    user = get_user_model().objects.create_user(
        username,
        f"{username}@example.com",
        "pw",
        first_name=first,
        last_name=last,
        **extra,
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


class Desk:
    """One logged-in browser tab on the admin."""

    def __init__(self, browser, live_server, user, *, width=1280, height=900):
        self.context = browser.new_context(
            viewport={"width": width, "height": height}, locale="en-GB"
        )
        client = Client()
        client.force_login(user)
        self.context.add_cookies(
            [
                {
                    "name": "sessionid",
                    "value": client.cookies["sessionid"].value,
                    "url": live_server.url,
                }
            ]
        )
        self.base_url = live_server.url
        self.page = self.context.new_page()
        self.console_errors: list[tuple[str, str]] = []
        self.page.on("console", self._console)
        self.page.on(
            "pageerror", lambda error: self.console_errors.append((str(error), ""))
        )

    def _console(self, message) -> None:
        # The admin also asks other hosts (avatars, Wagtail's release feed),
        # which this machine cannot reach: only this site's errors count.
        where = (message.location or {}).get("url") or ""
        if message.type == "error" and where.startswith(self.base_url):
            self.console_errors.append((message.text, where))

    @property
    def errors(self) -> list[str]:
        return [
            f"{text} ({where})" if where else text
            for text, where in self.console_errors
        ]

    def open(self, path: str) -> None:
        self.page.goto(self.base_url + path)
        self.page.wait_for_load_state("networkidle")

    def open_desk(self, blog) -> None:
        self.open(f"/admin/liveblog/{blog.pk}/desk/")
        # On a phone the composer is folded away: there but not visible.
        self.page.wait_for_selector(
            "[data-liveblog-composer] .DraftEditor-root", state="attached"
        )

    @property
    def composer(self):
        return self.page.locator("[data-liveblog-composer]")

    def blocks(self, scope=None):
        return (scope or self.composer).locator("[data-streamfield-child]")

    def type_in_text_block(self, index: int, words: str, scope=None) -> None:
        editor = self.blocks(scope).nth(index).locator(".DraftEditor-root")
        editor.click()
        self.page.keyboard.type(words)

    def add_block(self, kind: str, scope=None) -> None:
        (scope or self.composer).locator("button.c-sf-add-button").last.click()
        self.page.get_by_role("option", name=kind, exact=True).click()

    def choose_image(self, index: int, title: str, scope=None) -> None:
        block = self.blocks(scope).nth(index)
        block.locator(".unchosen button[data-chooser-action-choose]").first.click()
        modal = self.page.locator(".modal")
        modal.locator("a", has_text=title).first.click()
        self.page.wait_for_selector(".modal", state="hidden")

    def fill(self, name: str, value: str) -> None:
        self.page.locator(f'[name="{name}"]').fill(value)

    def rows(self) -> list[str]:
        return self.page.eval_on_selector_all(
            "#listing-results tbody tr td.title .title-wrapper",
            "nodes => nodes.map(n => n.textContent.trim())",
        )

    def close(self) -> None:
        self.context.close()
