"""HTTPS deliveries connect to the address vetted for the host, and still
check the receiver's certificate against the host's name."""

from __future__ import annotations

import shutil
import ssl
import subprocess
import threading
from http.server import ThreadingHTTPServer

import pytest

from tests.factories import publish
from tests.push_support import Receiver, run_queued
from tests.webhooks_support import changed, fake_dns, make_endpoint, verified
from wagtail_liveblog.push import outbound
from wagtail_liveblog.signals import BLOG_STATUS
from wagtail_liveblog.webhooks.models import WebhookAttempt

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("openssl"), reason="needs openssl"),
]


def certificate(folder, name: str) -> tuple[str, str]:
    """A self-signed certificate for ``name`` and its key."""
    cert, key = folder / f"{name}.pem", folder / f"{name}.key"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", f"/CN={name}", "-addext", f"subjectAltName=DNS:{name}",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return str(cert), str(key)


@pytest.fixture
def tls_receiver(tmp_path, monkeypatch):
    """A receiver on 127.0.0.1 serving HTTPS as hooks.example.test, whose
    certificate the deliveries trust; DNS says hooks.example.test is there."""
    cert, key = certificate(tmp_path, "hooks.example.test")
    receiver = Receiver()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = ThreadingHTTPServer(("127.0.0.1", 0), receiver.server.RequestHandlerClass)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
    monkeypatch.setattr(
        outbound, "tls_context", lambda: ssl.create_default_context(cafile=cert)
    )
    fake_dns(
        monkeypatch, {"hooks.example.test": ["127.0.0.1"], "other.test": ["127.0.0.1"]}
    )
    receiver.port = server.server_address[1]
    yield receiver
    server.shutdown()
    server.server_close()
    receiver.close()


@pytest.fixture(autouse=True)
def _settings(settings):
    settings.WAGTAIL_LIVEBLOG = {
        "WEBHOOK_ALLOW_PRIVATE_TARGETS": True,  # 127.0.0.1
        "WEBHOOK_RETRY_DELAYS": [],
    }


def test_an_https_delivery_names_the_host_and_checks_its_certificate(
    blog, tls_receiver, queued_tasks
):
    blog = publish(blog)
    endpoint = make_endpoint(f"https://hooks.example.test:{tls_receiver.port}/hook")
    queued_tasks.results.clear()
    changed(blog, 2, (BLOG_STATUS, None))
    run_queued(queued_tasks)
    [request] = tls_receiver.requests
    assert request.headers["host"] == f"hooks.example.test:{tls_receiver.port}"
    assert verified(endpoint, request)["type"] == "blog.status"


def test_a_certificate_for_another_name_is_refused(blog, tls_receiver, queued_tasks):
    blog = publish(blog)
    make_endpoint(f"https://other.test:{tls_receiver.port}/hook")
    queued_tasks.results.clear()
    changed(blog, 2, (BLOG_STATUS, None))
    run_queued(queued_tasks)
    assert tls_receiver.requests == []
    [error] = WebhookAttempt.objects.values_list("error", flat=True)
    assert error.startswith("SSLCertVerificationError: ")
    assert "Hostname mismatch" in error
