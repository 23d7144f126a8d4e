"""Which URLs webhook deliveries may go to.

A delivery is a request the server makes from inside its own network, so
an endpoint must not be a way to reach the site's private services (the
database's admin page, a cloud's metadata address). Unless
``WAGTAIL_LIVEBLOG["WEBHOOK_ALLOW_PRIVATE_TARGETS"]`` is on (development,
tests), an endpoint's URL must:

- use ``https`` (the payload is public, but a receiver deserves to know it
  came from us unaltered and unread by the networks between);
- carry no user name or password;
- name a host each of whose addresses is public: no private, loopback,
  link-local, shared (carrier NAT), reserved, multicast or unspecified
  address, IPv4 or IPv6 (an IPv4 address carried inside IPv6 counts as
  itself).

This is checked when an endpoint is saved (a form error), and again before
every attempt, which then connects to the addresses vetted at that moment
(``push/outbound.py``): a DNS answer that changes in between (rebinding)
cannot send a delivery anywhere else. Redirects are never followed.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .. import conf

#: IPv6 prefixes that carry an IPv4 address in their last 32 bits (NAT64).
NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def private_allowed() -> bool:
    return bool(conf.get("WEBHOOK_ALLOW_PRIVATE_TARGETS"))


def embedded_ipv4(address: Address) -> Address:
    """The IPv4 address an IPv6 address stands for (mapped, 6to4, NAT64)."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return address.ipv4_mapped
        if address.sixtofour is not None:
            return address.sixtofour
        if any(address in network for network in NAT64):
            return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return address


def is_public(address: Address) -> bool:
    """Whether ``address`` is a public (global unicast) internet address."""
    address = embedded_ipv4(address)
    return (
        address.is_global
        and not address.is_multicast
        and not address.is_reserved
        and not address.is_loopback
        and not address.is_link_local
        and not address.is_unspecified
    )


def check_url(url: str) -> None:
    """The URL's form: an absolute http(s) URL (https unless private targets
    are allowed), with a host and no user name or password."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a port out of range
    except ValueError:
        raise ValidationError(
            _("Enter a valid address, such as https://example.com/webhooks."),
            code="invalid",
        ) from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError(
            _("Enter a full address, such as https://example.com/webhooks."),
            code="invalid",
        )
    if parts.username is not None or parts.password is not None:
        raise ValidationError(
            _(
                "Leave the user name and password out of the address: the "
                "signature tells the receiver that a delivery is ours."
            ),
            code="credentials",
        )
    if parts.scheme != "https" and not private_allowed():
        raise ValidationError(
            _("Use an https:// address: webhooks are only sent over HTTPS."),
            code="https",
        )


def resolve(url: str) -> list[str]:
    """The addresses to deliver ``url`` to, each of them vetted; raises
    ``ValidationError`` saying why the URL may not be used."""
    check_url(url)
    parts = urlsplit(url)
    host = parts.hostname
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise ValidationError(
            _("The host %(host)s could not be found."),
            params={"host": host},
            code="unknown_host",
        ) from None
    addresses: list[str] = []
    for _family, _type, _proto, _name, sockaddr in found:
        text = str(sockaddr[0]).split("%", 1)[0]  # no IPv6 zone
        if text not in addresses:
            addresses.append(text)
    if not private_allowed():
        for text in addresses:
            if not is_public(ipaddress.ip_address(text)):
                raise ValidationError(
                    _(
                        "Webhooks only go to addresses on the public internet: "
                        "%(host)s is a private, local or reserved address "
                        "(%(address)s)."
                    ),
                    params={"host": host, "address": text},
                    code="private",
                )
    if not addresses:
        raise ValidationError(
            _("The host %(host)s could not be found."),
            params={"host": host},
            code="unknown_host",
        )
    return addresses
