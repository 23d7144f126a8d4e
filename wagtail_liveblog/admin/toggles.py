"""Pin, unpin, key event on and off: one POST each, from a desk row.

The change goes through ``editing.edit_update``: on a live update it is
published at once (publish permission on the blog), on a draft it changes
the draft (edit permission). The desk's script posts it in the background
and gets JSON back, so the composer is never touched; a plain form post
(Wagtail's ``w-action``) comes back to the desk with a message.
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
from .buttons import TOGGLES
from .columns import row_title
from .scope import desk_url, find_update

MESSAGES = {
    "pin": _("'%(title)s' is pinned."),
    "unpin": _("'%(title)s' is no longer pinned."),
    "key-event": _("'%(title)s' is a key event."),
    "not-key-event": _("'%(title)s' is no longer a key event."),
}


def wants_json(request) -> bool:
    return request.headers.get(
        "x-requested-with"
    ) == "XMLHttpRequest" or "application/json" in request.headers.get("accept", "")


class ToggleView(View):
    http_method_names = ["post"]

    def post(self, request, pk, toggle):
        if toggle not in TOGGLES:
            raise Http404
        update = find_update(pk)
        if not access.may_reach_update(request.user, update):
            raise Http404
        field, value = TOGGLES[toggle]
        try:
            editing.edit_update(
                update.blog, update.pk, user=request.user, **{field: value}
            )
        except PermissionDenied as error:
            return self.failed(
                request,
                update,
                str(error) or _("You do not have permission to change this update."),
                status=403,
            )
        except ValidationError as error:
            return self.failed(request, update, " ".join(error.messages), status=400)
        update.refresh_from_db()
        message = MESSAGES[toggle] % {"title": row_title(update)}
        if wants_json(request):
            return JsonResponse(
                {
                    "ok": True,
                    "message": message,
                    "pinned": update.pinned,
                    "key_event": update.key_event,
                }
            )
        messages.success(request, message)
        return redirect(self.next_url(request, update))

    def failed(self, request, update, message: str, *, status: int):
        if wants_json(request):
            return JsonResponse({"ok": False, "message": message}, status=status)
        messages.error(request, message)
        return redirect(self.next_url(request, update))

    @staticmethod
    def next_url(request, update) -> str:
        return get_valid_next_url_from_request(request) or desk_url(update.blog_id)
