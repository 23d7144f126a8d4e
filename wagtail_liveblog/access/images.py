"""Which pictures a user may put in an update, and where uploads go.

A picture already in Wagtail's image library may be used by a user who
may choose it in Wagtail's image chooser (the "choose", "add" or "change"
permission on its collection). An image that does not exist and one the
user may not use get the same answer, so an id tells nothing about the
library.

A picture uploaded through the package (API v3, chat ingest) goes to the
``UPLOAD_COLLECTION`` collection, and the uploader needs Wagtail's "add"
permission there.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.models import Collection

from .. import conf

#: One answer for an image that does not exist and one the user may not use.
CANNOT_USE_IMAGE = _("You cannot use image %(id)s.")


def image_policy():
    """Wagtail's permission policy for images (Wagtail 8 through its policy
    registry; 7.4 through ``wagtail.images.permissions``)."""
    try:
        from wagtail.images import get_permission_policy
    except ImportError:  # Wagtail 7.4
        from wagtail.images import permissions

        return permissions.permission_policy
    return get_permission_policy()


def usable_images(user: Any):
    """The images ``user`` may put in an update."""
    if user is None or not getattr(user, "is_active", False):
        return get_image_model().objects.none()
    return image_policy().instances_user_has_any_permission_for(
        user, ["choose", "add", "change"]
    )


def may_use_image(user: Any, image_id: int) -> bool:
    return usable_images(user).filter(pk=image_id).exists()


def upload_collection(user: Any):
    """The collection a picture uploaded by ``user`` goes to, or None when
    the user may not add images there.

    ``UPLOAD_COLLECTION``: None for the root collection, or the name of a
    collection (made under the root the first time it is needed).
    """
    policy = image_policy()
    if user is None or not policy.user_has_permission(user, "add"):
        return None
    name = conf.get("UPLOAD_COLLECTION")
    root = Collection.get_first_root_node()
    if name is None:
        collection = root
    else:
        collection = Collection.objects.filter(name=name, depth=2).first()
        if collection is None and root is not None:
            collection = root.add_child(name=name)
    if collection is None:
        return None
    allowed = policy.collections_user_has_permission_for(user, "add")
    return collection if allowed.filter(pk=collection.pk).exists() else None
