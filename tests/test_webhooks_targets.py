"""Which URLs webhooks may go to, and the signatures they carry."""

from __future__ import annotations

import base64
import ipaddress
import time

import pytest
from django.core.exceptions import ValidationError
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from tests.webhooks_support import fake_dns
from wagtail_liveblog.webhooks import signing, targets


@pytest.mark.parametrize(
    "address",
    ["8.8.8.8", "93.184.216.34", "2606:4700:4700::1111", "2a00:1450:4009:81f::200e"],
)
def test_public_addresses(address):
    assert targets.is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",  # loopback
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.10",  # private
        "169.254.169.254",  # link-local: cloud metadata
        "100.64.0.1",  # shared (carrier NAT)
        "0.0.0.0",  # noqa: S104 - an address checked, not bound
        "224.0.0.251",  # multicast
        "240.0.0.1",
        "255.255.255.255",  # reserved
        "198.18.0.1",  # benchmarking
        "::1",
        "::",
        "fe80::1",
        "fd00::1",
        "ff02::1",
        "::ffff:127.0.0.1",  # IPv4-mapped loopback
        "::ffff:10.0.0.1",
        "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
        "2002:7f00:1::1",  # 6to4 of 127.0.0.1
    ],
)
def test_non_public_addresses(address):
    assert not targets.is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "http://hooks.example.com/",
            "Use an https:// address: webhooks are only sent over HTTPS.",
        ),
        (
            "ftp://hooks.example.com/",
            "Enter a full address, such as https://example.com/webhooks.",
        ),
        (
            "https:///path",
            "Enter a full address, such as https://example.com/webhooks.",
        ),
        (
            "https://hooks.example.com:99999/",
            "Enter a valid address, such as https://example.com/webhooks.",
        ),
        (
            "https://user:pw@hooks.example.com/",
            "Leave the user name and password out of the address: the signature "
            "tells the receiver that a delivery is ours.",
        ),
        ("https://nowhere.invalid/", "The host nowhere.invalid could not be found."),
        (
            "https://127.0.0.1/hook",
            "Webhooks only go to addresses on the public internet: 127.0.0.1 is a "
            "private, local or reserved address (127.0.0.1).",
        ),
        (
            "https://[::1]:8443/hook",
            "Webhooks only go to addresses on the public internet: ::1 is a "
            "private, local or reserved address (::1).",
        ),
        (
            "https://mixed.example.com/",
            "Webhooks only go to addresses on the public internet: mixed.example.com "
            "is a private, local or reserved address (10.0.0.5).",
        ),
    ],
)
def test_refused_urls_say_why(url, message, monkeypatch, settings):
    settings.WAGTAIL_LIVEBLOG = {}
    fake_dns(monkeypatch, {"mixed.example.com": ["93.184.216.34", "10.0.0.5"]})
    with pytest.raises(ValidationError) as refused:
        targets.resolve(url)
    assert refused.value.messages == [message]


def test_a_public_host_resolves_to_its_addresses(monkeypatch):
    fake_dns(
        monkeypatch,
        {"hooks.example.com": ["93.184.216.34", "2606:2800:220:1::1", "93.184.216.34"]},
    )
    assert targets.resolve("https://hooks.example.com/x") == [
        "93.184.216.34",
        "2606:2800:220:1::1",
    ]


def test_the_setting_allows_private_targets_over_http(settings):
    settings.WAGTAIL_LIVEBLOG = {"WEBHOOK_ALLOW_PRIVATE_TARGETS": True}
    assert targets.resolve("http://127.0.0.1:8000/hook") == ["127.0.0.1"]


def test_secrets_are_random_and_in_the_standard_form():
    first, second = signing.new_secret(), signing.new_secret()
    assert first != second
    assert first.startswith("whsec_")
    assert len(base64.b64decode(first.removeprefix("whsec_"), validate=True)) == 32


def test_the_signature_verifies_with_the_standard_webhooks_library():
    secret = signing.new_secret()
    body = '{"type":"blog.status","data":{"title":"Über"}}'.encode()
    now = int(time.time())
    headers = signing.headers(secret, "msg_1", now, body)
    assert headers["webhook-id"] == "msg_1"
    assert headers["webhook-timestamp"] == str(now)
    assert headers["webhook-signature"].startswith("v1,")
    assert Webhook(secret).verify(body, headers) == {
        "type": "blog.status",
        "data": {"title": "Über"},
    }
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(body.replace(b"status", b"statue"), headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(signing.new_secret()).verify(body, headers)
