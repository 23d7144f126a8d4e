"""A picture a reporter sent (a write-API upload, a chat photo) into
Wagtail's image library, saying nothing before the update is published.

It goes through Wagtail's own image form, so every upload meets the rules
of the admin's uploader (``WAGTAILIMAGES_MAX_UPLOAD_SIZE``,
``WAGTAILIMAGES_EXTENSIONS``, a file that really is an image), and the
package's own: at most ``MAX_IMAGE_PIXELS`` pixels, read from the file's
header before anything is decoded. The image library is visible to other
editors and, through Wagtail's image API endpoints, possibly to anyone, so
the picture gets a neutral title ("Live blog photo 3f9c…") and an
unguessable file name, and goes to the ``UPLOAD_COLLECTION``; its caption
and credit stay in the update's image block. Renditions are made when the
update is published, not on upload. The user needs Wagtail's "add"
permission on images in that collection (``access/images.py``).

Shared by the write API and chat ingest; plain Django and Wagtail, on
Wagtail 7.4 and 8 alike.
"""

from __future__ import annotations

import secrets
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.log_actions import log

from .. import conf, limits
from ..access import images

IMAGE_TYPES = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/gif": "gif",
    "image/webp": "webp",
    "image/avif": "avif",
    "image/heic": "heic",
}


def image_file(content: bytes, name: str, content_type: str = "") -> UploadedFile:
    """Downloaded bytes as an upload the image form takes."""
    if "." not in name and content_type in IMAGE_TYPES:
        name = f"{name}.{IMAGE_TYPES[content_type]}"
    return SimpleUploadedFile(name or "photo", content, content_type or None)


def _extension(upload: UploadedFile) -> str:
    name = (upload.name or "").rsplit("/", 1)[-1]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return extension if extension.isascii() and extension.isalnum() else ""


def check_pixels(upload: UploadedFile) -> None:
    """``ValidationError`` (on ``file``) for a picture of more than
    ``MAX_IMAGE_PIXELS`` pixels, from its header: a small file can claim a
    huge picture that would take seconds and gigabytes to decode."""
    limit = conf.get("MAX_IMAGE_PIXELS")
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            with PILImage.open(upload) as picture:
                width, height = picture.size
    except PILImage.DecompressionBombError:
        width = height = None  # more than Pillow itself will open
    except (OSError, ValueError):
        return  # not an image Pillow reads: Wagtail's form says so
    finally:
        upload.seek(0)
    if width is not None and width * height <= limit:
        return
    params = {"limit": f"{limit:,}", "setting": limits.setting("MAX_IMAGE_PIXELS")}
    if width is None:
        message = _("The picture has more than %(limit)s pixels (%(setting)s).")
    else:
        message = _(
            "The picture is %(width)s × %(height)s pixels; the limit is "
            "%(limit)s pixels (%(setting)s)."
        )
        params.update(width=width, height=height)
    raise ValidationError(
        {"file": ValidationError(message, params=params, code="too_many_pixels")}
    )


def create_image(user: Any, upload: UploadedFile):
    """Add ``upload`` to the image library as ``user``; return the image.

    ``ValidationError`` (a dict naming ``file``) when the picture is too
    large or Wagtail's image form refuses it; ``PermissionDenied`` when the
    user may not add images to the upload collection.
    """
    from wagtail.images.forms import get_image_form

    collection = images.upload_collection(user)
    if collection is None:
        raise PermissionDenied(_("You do not have permission to add images."))
    check_pixels(upload)
    token = secrets.token_hex(16)
    extension = _extension(upload)
    upload.name = f"liveblog-{token}.{extension}" if extension else f"liveblog-{token}"
    model = get_image_model()
    form = get_image_form(model)(
        data={
            "title": _("Live blog photo %(token)s") % {"token": token[:8]},
            "collection": collection.pk,
        },
        files={"file": upload},
        instance=model(uploaded_by_user=user),
        user=user,
    )
    if not form.is_valid():
        raise ValidationError(form.errors.as_data(), code="invalid_image")
    image = form.save()
    log(instance=image, action="wagtail.create", user=user)
    return image


@contextmanager
def files_removed_on_error() -> Iterator[list]:
    """Collect the images created in the block; if it fails, delete their
    files (the rows go with the rolled-back transaction)."""
    created: list = []
    try:
        yield created
    except BaseException:
        for image in created:
            try:
                image.file.storage.delete(image.file.name)
            except Exception:  # noqa: S110 - best effort clean-up
                pass
        raise


def max_upload_size() -> int:
    """The largest picture Wagtail takes (``WAGTAILIMAGES_MAX_UPLOAD_SIZE``);
    downloads stop there. Without a limit set, 20 MB."""
    from django.conf import settings

    size = getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)
    return size if isinstance(size, int) and size > 0 else 20 * 1024 * 1024
