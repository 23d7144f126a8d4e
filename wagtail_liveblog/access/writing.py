"""Who may post, change, publish, unpublish, lock and delete updates.

Permissions on updates are those of their blog page (superusers may do
everything, inactive users nothing):

- **publish** permission on the page: everything — publish, schedule,
  change published updates, pin and key events on them, unpublish,
  delete, approve;
- **edit** permission only: write drafts, submit them for moderation, and
  change or delete them *as long as they have never been published*. Once
  an update has been published (whether it is live now, unpublished or
  expired), changing, re-publishing or deleting it needs publish
  permission: readers have seen it.
- neither: nothing, and the blog's updates are "not found".

Locking follows the page's lock and unlock permissions. A Wagtail lock —
a colleague's, a workflow's or a schedule's — stops everyone it applies
to from changing, publishing, unpublishing or deleting the update, on
every route: the desk, Wagtail's own views and bulk actions, both APIs
and chat ingest.

Functions take the update (or a new, unsaved one of the blog) and read it
through its attributes (``blog``, ``live``, ``first_published_at``,
``get_lock()``), so this module sits below the models.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, get_page_models
from wagtail.permission_policies.pages import PagePermissionPolicy

from .blogs import is_liveblog

#: The actions Wagtail and the package ask about.
ACTIONS = (
    "add",
    "view",
    "change",
    "delete",
    "publish",
    "unpublish",
    "lock",
    "unlock",
)
#: Actions a lock stops (changing is stopped by Wagtail's editor itself,
#: and by the editing API).
LOCKED_ACTIONS = frozenset({"delete", "publish", "unpublish"})

CANNOT_EDIT = _("You do not have permission to edit this live blog.")
CANNOT_PUBLISH = _("You do not have permission to publish updates of this live blog.")
CANNOT_CHANGE_PUBLISHED = _(
    "This update has been published: only users who may publish on this live "
    "blog can change or delete it."
)


class UpdateLocked(PermissionDenied):
    """A Wagtail lock (a user's, a workflow's or a schedule's) stops the user."""


def _active(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_active", False))


def _tester(user: Any, blog):
    """Wagtail's page permission tester (Wagtail caches the user's page
    permissions on the user object)."""
    return blog.permissions_for_user(user)


def may_edit_blog(user: Any, blog) -> bool:
    """Whether ``user`` may write drafts on ``blog`` (and see its desk)."""
    if not _active(user):
        return False
    return bool(user.is_superuser or _tester(user, blog).can_edit())


def editable_liveblogs(user: Any):
    """The live blogs (not their aliases) ``user`` may edit, as a queryset of
    plain pages: the "Live desks" the user can open."""
    if not _active(user):
        return Page.objects.none()
    models = [model for model in get_page_models() if is_liveblog(model)]
    blogs = Page.objects.type(*models).filter(alias_of__isnull=True)
    if user.is_superuser:
        return blogs
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(
        user, {"change", "publish"}
    )
    return blogs.filter(pk__in=editable.values("pk"))


def blog_editors(blog):
    """The active users who may write on ``blog`` (a queryset): those an
    update may credit as its authors."""
    return PagePermissionPolicy().users_with_permission_for_instance("change", blog)


def may_publish_blog(user: Any, blog) -> bool:
    """Whether ``user`` may publish on ``blog`` (its updates, its key points
    and its coverage times)."""
    if not _active(user):
        return False
    return bool(user.is_superuser or _tester(user, blog).can_publish())


def published_once(update) -> bool:
    """Whether readers have seen the update: it is live, or was once."""
    return bool(update.live or getattr(update, "first_published_at", None))


#: Set on updates whose workflow and schedule are already known (a listing
#: reads them for a page of rows at once): with both False, only a user's
#: lock can apply, and it is read from the row itself.
SCHEDULED_HINT = "liveblog_scheduled"
IN_MODERATION_HINT = "liveblog_in_moderation"


def blocking_lock(user: Any, obj):
    """The lock that stops ``user`` changing ``obj``, or None."""
    if obj.pk is None:
        return None
    if (
        getattr(obj, SCHEDULED_HINT, None) is False
        and getattr(obj, IN_MODERATION_HINT, None) is False
        and not getattr(obj, "locked", False)
    ):
        return None
    lock = obj.get_lock()
    return lock if lock is not None and lock.for_user(user) else None


def may(user: Any, action: str, update) -> bool:
    """Whether ``user`` may do ``action`` (see ``ACTIONS``) to ``update``."""
    if not _active(user) or getattr(update, "blog_id", None) is None:
        return False
    blog = update.blog
    if action in ("add", "view"):
        return may_edit_blog(user, blog)
    if action == "lock":
        return bool(user.is_superuser or _tester(user, blog).can_lock())
    if action == "unlock":
        return bool(
            user.is_superuser
            or _tester(user, blog).can_unlock()
            or (getattr(update, "locked_by_id", None) == user.pk)
        )
    if action in ("publish", "unpublish"):
        allowed = may_publish_blog(user, blog)
    elif action in ("change", "delete"):
        allowed = (
            may_publish_blog(user, blog)
            if published_once(update)
            else may_edit_blog(user, blog)
        )
    else:
        return False
    if allowed and action in LOCKED_ACTIONS:
        allowed = blocking_lock(user, update) is None
    return allowed


def may_reach_update(user: Any, update) -> bool:
    """Whether ``user`` may open anything about ``update``: its blog's
    editors, and the reviewers of its current workflow task."""
    if may_edit_blog(user, update.blog):
        return True
    if not _active(user):
        return False
    task = update.current_workflow_task
    return bool(task and task.user_can_access_editor(update, user))


# -- the same, as exceptions (for the editing API) --------------------------------


def check_blog(user: Any, blog, *, publish: bool) -> None:
    """``PermissionDenied`` unless ``user`` may edit (or publish on) ``blog``."""
    if not may_edit_blog(user, blog):
        raise PermissionDenied(CANNOT_EDIT)
    if publish and not may_publish_blog(user, blog):
        raise PermissionDenied(CANNOT_PUBLISH)


def check_not_locked(obj, user: Any) -> None:
    lock = blocking_lock(user, obj)
    if lock is not None:
        raise UpdateLocked(lock.get_message(user) or lock.get_description(user))


def check(user: Any, action: str, update) -> None:
    """``PermissionDenied`` (``UpdateLocked`` for a lock) unless ``user``
    may do ``action`` to ``update``, with a message saying why."""
    if may(user, action, update):
        return
    blog = update.blog
    if not may_edit_blog(user, blog):
        raise PermissionDenied(CANNOT_EDIT)
    if action in ("change", "delete") and published_once(update):
        if not may_publish_blog(user, blog):
            raise PermissionDenied(CANNOT_CHANGE_PUBLISHED)
    elif action in ("publish", "unpublish") and not may_publish_blog(user, blog):
        raise PermissionDenied(CANNOT_PUBLISH)
    check_not_locked(update, user)
    raise PermissionDenied(CANNOT_EDIT)
