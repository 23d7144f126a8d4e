"""One HTTP POST to another system: a webhook receiver, a WebSub hub.

Python's own ``http.client``, so the base install needs nothing more:

- redirects are never followed (a 3xx is an answer like any other), and
  proxy variables of the environment are not used;
- ``addresses``: connect to these IP addresses (in turn, until one
  answers), which the caller has vetted, instead of looking the host up
  again (a second look-up could answer differently: DNS rebinding). The
  request still names the host (``Host``, the TLS server name) and HTTPS
  still checks the certificate against it;
- ``timeout`` applies to connecting and to each read; at most
  ``READ_LIMIT`` bytes of the answer are read.
"""

from __future__ import annotations

import http.client
import socket
import ssl
from collections.abc import Mapping, Sequence
from urllib.parse import urlsplit

#: Bytes of an answer read (and dropped): only the status matters.
READ_LIMIT = 64 * 1024
USER_AGENT = "wagtail-liveblog"


def tls_context() -> ssl.SSLContext:
    """Certificates checked against the system's trusted authorities."""
    return ssl.create_default_context()


def _connection(url: str, timeout: float, addresses: Sequence[str] | None):
    parts = urlsplit(url)
    if parts.scheme == "https":
        connection: http.client.HTTPConnection = http.client.HTTPSConnection(
            parts.hostname, parts.port, timeout=timeout, context=tls_context()
        )
    elif parts.scheme == "http":
        connection = http.client.HTTPConnection(
            parts.hostname, parts.port, timeout=timeout
        )
    else:
        raise ValueError(f"not an http(s) URL: {url!r}")
    if addresses:

        def connect_to_vetted(host_and_port, timeout, source_address=None):
            failure: OSError | None = None
            for address in addresses:
                try:
                    return socket.create_connection(
                        (address, host_and_port[1]), timeout, source_address
                    )
                except OSError as error:
                    failure = error
            raise failure  # type: ignore[misc]

        connection._create_connection = connect_to_vetted
    return connection


def post(
    url: str,
    body: bytes,
    headers: Mapping[str, str],
    *,
    timeout: float,
    addresses: Sequence[str] | None = None,
) -> int:
    """POST ``body`` to ``url`` and return the answer's status code.

    Raises ``OSError`` (``TimeoutError``, ``ssl.SSLError``, refused…) or
    ``http.client.HTTPException`` when no answer came.
    """
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    connection = _connection(url, timeout, addresses)
    try:
        connection.request(
            "POST",
            target,
            body=body,
            headers={"User-Agent": USER_AGENT, **headers},
        )
        response = connection.getresponse()
        response.read(READ_LIMIT)
        return response.status
    finally:
        connection.close()
