"""Helpers of the webhook tests: endpoints, changes sent as the change
publisher sends them, and deliveries checked as a receiver would."""

from __future__ import annotations

import socket

from standardwebhooks import Webhook

from wagtail_liveblog.signals import ChangeEvent, liveblog_changed, send_robustly
from wagtail_liveblog.webhooks.models import WebhookEndpoint


def make_endpoint(url: str, **fields) -> WebhookEndpoint:
    return WebhookEndpoint.objects.create(url=url, **fields)


def changed(blog, version: int, *events: tuple[str, object]) -> None:
    """``liveblog_changed`` for ``blog``: ``events`` are (type, update id)."""
    send_robustly(
        liveblog_changed,
        blog_id=blog.pk,
        version=version,
        previous_version=version - 1,
        events=tuple(ChangeEvent(kind, update_id) for kind, update_id in events),
    )


def verified(endpoint: WebhookEndpoint, request) -> dict:
    """The body of a received delivery, verified as Standard Webhooks says
    (``WebhookVerificationError`` when it is not ours)."""
    return Webhook(endpoint.secret).verify(request.body, request.headers)


def fake_dns(monkeypatch, answers: dict[str, list[str]]) -> None:
    """Host names resolve to ``answers`` (others: not found)."""
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host in answers:
            return [
                (
                    socket.AF_INET6 if ":" in address else socket.AF_INET,
                    socket.SOCK_STREAM,
                    6,
                    "",
                    (address, port),
                )
                for address in answers[host]
            ]
        if host.replace(".", "").isdigit() or ":" in host:
            return real(host, port, *args, **kwargs)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
