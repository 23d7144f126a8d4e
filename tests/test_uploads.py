"""Pictures uploaded through the package (API v3, chat ingest) say nothing
before their update is published: neutral titles, unguessable file names,
the UPLOAD_COLLECTION, no renditions until publish, and no picture over
MAX_IMAGE_PIXELS (refused from its header, before anything is decoded)."""

from __future__ import annotations

import struct
import time
import zlib
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection

from tests.factories import assert_says_nothing, editor
from wagtail_liveblog.editing.images import create_image

pytestmark = pytest.mark.django_db


def png(width=64, height=48) -> bytes:
    buffer = BytesIO()
    PILImage.new("RGB", (width, height), (200, 40, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


def claimed_png(width: int, height: int) -> bytes:
    """A few dozen bytes whose header claims a ``width`` x ``height`` picture
    (a decompression bomb's calling card)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )


def upload(content: bytes, name: str = "IMG_0042.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, "image/png")


def test_an_upload_gets_a_neutral_title_and_an_unguessable_name():
    first = create_image(editor(), upload(png()))
    second = create_image(editor(), upload(png()))
    assert_says_nothing(first, "IMG_0042")
    assert first.title != second.title and first.file.name != second.file.name
    assert first.collection == Collection.get_first_root_node()


@pytest.mark.parametrize("size", [(10_000, 10_000), (40_000, 40_000)])
def test_a_picture_over_the_pixel_limit_is_refused_at_once(size):
    started = time.process_time()
    with pytest.raises(ValidationError) as refused:
        create_image(editor(), upload(claimed_png(*size)))
    assert time.process_time() - started < 1  # the header, never the pixels
    [message] = refused.value.message_dict["file"]
    assert "MAX_IMAGE_PIXELS" in message
    assert not get_image_model().objects.exists()


def test_the_pixel_limit_is_a_setting(settings):
    settings.WAGTAIL_LIVEBLOG = {"MAX_IMAGE_PIXELS": 64 * 48 - 1}
    with pytest.raises(ValidationError) as refused:
        create_image(editor(), upload(png(64, 48)))
    assert refused.value.message_dict["file"] == [
        "The picture is 64 × 48 pixels; the limit is 3,071 pixels "
        "(WAGTAIL_LIVEBLOG['MAX_IMAGE_PIXELS'])."
    ]
    settings.WAGTAIL_LIVEBLOG = {"MAX_IMAGE_PIXELS": 64 * 48}
    assert create_image(editor(), upload(png(64, 48))).width == 64


def test_uploads_go_to_the_upload_collection(settings):
    settings.WAGTAIL_LIVEBLOG = {"UPLOAD_COLLECTION": "Live blog photos"}
    first = create_image(editor(), upload(png()))
    second = create_image(editor(), upload(png()))
    assert first.collection.name == "Live blog photos"
    assert second.collection == first.collection
    assert first.collection.get_parent() == Collection.get_first_root_node()
