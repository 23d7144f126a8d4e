"""``LiveBlogPollMiddleware``: up-to-date polls answered without routing.

Optional, for busy sites. Add it near the top of ``MIDDLEWARE``::

    MIDDLEWARE = [
        "django.middleware.security.SecurityMiddleware",
        "wagtail_liveblog.middleware.LiveBlogPollMiddleware",
        ...
    ]

It answers only anonymous, up-to-date polls of public blogs, and reads
the gates' generation before the request goes on to be routed, so a blog
turned private while a poll is in flight leaves no gate behind. With more
than one app process, use a shared cache (Redis) so a privacy change closes
every process's gates at once. See ``reader/fastpoll.py`` for what it
answers and why that is safe.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .reader import fastpoll


class LiveBlogPollMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in ("GET", "HEAD") and request.path_info.endswith("/poll/"):
            response = fastpoll.answer(request)
            if response is not None:
                return response
        return self.get_response(request)
