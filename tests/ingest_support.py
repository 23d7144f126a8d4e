"""What the chat ingest tests share: a fake of the services' web APIs (the
``INGEST_CLIENT`` setting names it) and a PNG to download. They also use
the ``no_network`` fixture (``conftest.py``)."""

from __future__ import annotations

from io import BytesIO

from PIL import Image as PILImage

from wagtail_liveblog.ingest.client import ServiceError

CLIENT = "tests.ingest_support.FakeClient"


class FakeClient:
    """Answers from ``answers`` and ``downloads`` (by URL); every call is
    kept in ``calls`` as ``(kind, url, params, headers)``."""

    calls: list = []
    downloads: dict = {}
    answers: dict = {}

    @classmethod
    def reset(cls, *, answers: dict, downloads: dict) -> None:
        cls.calls, cls.answers, cls.downloads = [], answers, downloads

    def get_json(self, url, *, params=None, headers=None):
        FakeClient.calls.append(("get_json", url, params, headers))
        if url not in FakeClient.answers:
            raise ServiceError("The service answered HTTP 404.")
        return FakeClient.answers[url]

    def download(self, url, *, headers=None, max_bytes):
        FakeClient.calls.append(("download", url, None, headers))
        if url not in FakeClient.downloads:
            raise ServiceError("The service answered HTTP 404.")
        content, kind = FakeClient.downloads[url]
        if len(content) > max_bytes:
            raise ServiceError("The file is larger than images may be.")
        return content, kind


def png(color=(90, 60, 30)) -> bytes:
    buffer = BytesIO()
    PILImage.new("RGB", (64, 48), color).save(buffer, format="PNG")
    return buffer.getvalue()
