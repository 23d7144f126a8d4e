"""What the reader page's browser tests share: a tab on the live server
that records what the page logged and which polls it made."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Reader:
    """A browser tab plus what it logged and which polls it made."""

    page: object
    base_url: str
    errors: list[str] = field(default_factory=list)
    polls: list[str] = field(default_factory=list)

    def open(self, page_path: str) -> None:
        self.page.goto(self.base_url + page_path)
        self.page.wait_for_selector("[data-liveblog].liveblog--enhanced")

    def article_ids(self) -> list[str]:
        return self.page.eval_on_selector_all(
            "[data-liveblog-list] > article",
            "nodes => nodes.map(n => n.dataset.updateId)",
        )

    def active_id(self) -> str:
        return self.page.evaluate("document.activeElement && document.activeElement.id")

    def tab_to(self, selector: str, limit: int = 150) -> None:
        """Press Tab until the element matching ``selector`` has focus."""
        for _ in range(limit):
            self.page.keyboard.press("Tab")
            if self.page.evaluate(
                "sel => document.activeElement === document.querySelector(sel)",
                selector,
            ):
                return
        raise AssertionError(f"Tab never reached {selector}")


def new_reader(browser, live_server, **context_options):
    context_options.setdefault("viewport", {"width": 1200, "height": 800})
    context = browser.new_context(locale="en-GB", **context_options)
    page = context.new_page()
    reader = Reader(page=page, base_url=live_server.url)
    page.on(
        "console",
        lambda message: message.type == "error" and reader.errors.append(message.text),
    )
    page.on("pageerror", lambda error: reader.errors.append(str(error)))
    page.on(
        "request",
        lambda request: "/poll/" in request.url and reader.polls.append(request.url),
    )
    return context, reader
