"""A picture a reporter sent (a write-API upload, a chat photo) into
Wagtail's image library.

It goes through Wagtail's own image form, so every upload meets the rules
of the admin's uploader: ``WAGTAILIMAGES_MAX_UPLOAD_SIZE``,
``WAGTAILIMAGES_MAX_IMAGE_PIXELS``, ``WAGTAILIMAGES_EXTENSIONS`` and a
file that really is an image. The user needs Wagtail's "add" permission
on images, in the collection the image goes to.

Shared by the write API and chat ingest; plain Django and Wagtail, on
Wagtail 7.4 and 8 alike.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Collection

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


def _collection(user, collection_id: int | None):
    from wagtail.images.permissions import permission_policy

    if not permission_policy.user_has_permission(user, "add"):
        raise PermissionDenied(_("You do not have permission to add images."))
    allowed = permission_policy.collections_user_has_permission_for(user, "add")
    if collection_id is not None:
        collection = allowed.filter(pk=collection_id).first()
        if collection is None:
            raise ValidationError(
                {
                    "collection": _("You cannot add images to collection %(id)s.")
                    % {"id": collection_id}
                },
                code="collection_not_allowed",
            )
        return collection
    root = Collection.get_first_root_node()
    if root is not None and allowed.filter(pk=root.pk).exists():
        return root
    collection = allowed.order_by("path").first()
    if collection is None:
        raise PermissionDenied(_("You do not have permission to add images."))
    return collection


def create_image(
    user: Any,
    upload: UploadedFile,
    *,
    title: str = "",
    collection_id: int | None = None,
):
    """Add ``upload`` to the image library as ``user``; return the image.

    ``ValidationError`` (a dict naming ``file``, ``title`` or
    ``collection``) when Wagtail's image form refuses it;
    ``PermissionDenied`` when the user may not add images.
    """
    from wagtail.images.forms import get_image_form

    model = get_image_model()
    collection = _collection(user, collection_id)
    title = " ".join((title or "").split())[:255] or (upload.name or "photo")[:255]
    form = get_image_form(model)(
        data={"title": title, "collection": collection.pk},
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
