"""Publish, unpublish, approve and request changes: one POST each, from a
desk row, with no trip through the full editor.

Who may do what is the access module's answer (``access.may``: the blog's
permissions and Wagtail's locks, as in every other view and both APIs);
approving and requesting changes are the update's current workflow task's
own actions (``task.get_actions`` says who may, ``task.on_action`` does
it), as Wagtail's workflow action view does. A refused action comes back
as a message saying why (JSON for the desk's script, a message and a
redirect otherwise), never an error page.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request

from .. import access, editing
from ..models.update import LiveBlogUpdate
from .columns import row_title
from .scope import desk_url, find_update

PUBLISH = "publish"
UNPUBLISH = "unpublish"
APPROVE = "approve"
REJECT = "reject"
ACTIONS = (PUBLISH, UNPUBLISH, APPROVE, REJECT)

MESSAGES = {
    PUBLISH: _("'%(title)s' is published."),
    UNPUBLISH: _("'%(title)s' is unpublished: readers no longer see it."),
    APPROVE: _("'%(title)s' is approved."),
    REJECT: _("Changes to '%(title)s' are requested."),
}
NOT_A_DRAFT = _("'%(title)s' has no draft to publish.")
NOT_LIVE = _("'%(title)s' is not live.")
NOT_IN_MODERATION = _("'%(title)s' is not awaiting moderation.")
NOT_A_REVIEWER = _("You cannot review '%(title)s' at its current step.")
LOCKED = _("'%(title)s' is locked: %(reason)s")


def has_draft(update: LiveBlogUpdate) -> bool:
    return bool(
        update.latest_revision_id
        and (not update.live or update.has_unpublished_changes)
    )


def in_moderation(update: LiveBlogUpdate) -> bool:
    # A listing marks its rows (``rows.decorate_rows``): no query per row.
    hint = getattr(update, "liveblog_in_moderation", None)
    return update.workflow_in_progress if hint is None else bool(hint)


def review_actions(user, update: LiveBlogUpdate) -> set[str]:
    """The workflow actions (``approve``, ``reject``) ``user`` may take on
    ``update`` now: a reviewer of its current task, not stopped by a lock."""
    if not in_moderation(update):
        return set()
    task = update.current_workflow_task
    if task is None or access.blocking_lock(user, update) is not None:
        return set()
    return {name for name, _label, _modal in task.get_actions(update, user)} & {
        APPROVE,
        REJECT,
    }


def may_publish_draft(user, update: LiveBlogUpdate) -> bool:
    """A draft (not one with its reviewers) that ``user`` may publish."""
    return (
        has_draft(update)
        and not in_moderation(update)
        and access.may(user, "change", update)
        and access.may(user, "publish", update)
    )


def may_unpublish(user, update: LiveBlogUpdate) -> bool:
    return bool(update.live) and access.may(user, "unpublish", update)


def perform(action: str, user, update: LiveBlogUpdate, *, comment: str = "") -> None:
    """Do ``action``; ``PermissionDenied`` or ``ValidationError`` saying why
    not."""
    title = {"title": row_title(update)}
    if action == PUBLISH:
        if not has_draft(update):
            raise ValidationError(NOT_A_DRAFT % title)
        editing.edit_update(update.blog, update.pk, user=user, publish=True)
    elif action == UNPUBLISH:
        if not update.live:
            raise ValidationError(NOT_LIVE % title)
        access.check(user, "unpublish", update)
        update.unpublish(user=user)
    else:
        if not update.workflow_in_progress:
            raise ValidationError(NOT_IN_MODERATION % title)
        lock = access.blocking_lock(user, update)
        if lock is not None:
            raise access.UpdateLocked(
                LOCKED % {**title, "reason": lock.get_description(user)}
            )
        task = update.current_workflow_task
        if action not in review_actions(user, update):
            raise PermissionDenied(NOT_A_REVIEWER % title)
        kwargs = {"comment": comment} if comment else {}
        task.on_action(update.current_workflow_task_state, user, action, **kwargs)


def wants_json(request) -> bool:
    return request.headers.get(
        "x-requested-with"
    ) == "XMLHttpRequest" or "application/json" in request.headers.get("accept", "")


class RowActionView(View):
    http_method_names = ["post"]

    def post(self, request, pk, action):
        if action not in ACTIONS:
            raise Http404
        update = find_update(pk)
        if not access.may_reach_update(request.user, update):
            raise Http404
        comment = (request.POST.get("comment") or "").strip()[:2000]
        try:
            perform(action, request.user, update, comment=comment)
        except PermissionDenied as error:
            message = str(error) or _("You do not have permission to do this.")
            return self.answer(request, update, message, ok=False, status=403)
        except ValidationError as error:
            message = " ".join(error.messages)
            return self.answer(request, update, message, ok=False, status=400)
        update.refresh_from_db()
        message = MESSAGES[action] % {"title": row_title(update)}
        return self.answer(request, update, message, ok=True, status=200)

    def answer(self, request, update, message, *, ok: bool, status: int):
        if wants_json(request):
            return JsonResponse({"ok": ok, "message": message}, status=status)
        (messages.success if ok else messages.error)(request, message)
        next_url = get_valid_next_url_from_request(request)
        return redirect(next_url or desk_url(update.blog_id))
