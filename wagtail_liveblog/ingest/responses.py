"""What the chat receivers answer, the same for every service: a refusal
(``{"ok": false, "error": …}``), the request's JSON object, and the outcome
of handling one message (``{"ok": true, "result": …}``; a message the blog
cannot take is logged and answered ``"refused"``, so the service does not
retry it)."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from .client import ServiceError

REFUSED = "refused"

#: What handling a message may raise that is the message's fault, not ours.
NOT_POSTED = (ValidationError, PermissionDenied, ServiceError)


def refuse(status: int, message: str) -> JsonResponse:
    return JsonResponse({"ok": False, "error": message}, status=status)


def json_object(request: HttpRequest) -> dict[str, Any] | HttpResponse:
    """The request's body as a JSON object, or the response refusing it."""
    try:
        payload = json.loads(request.body)
    except RequestDataTooBig:
        return refuse(413, _("The request is too large."))
    except ValueError:
        payload = None
    if not isinstance(payload, dict):
        return refuse(400, _("The body is not a JSON object."))
    return payload


def reasons(error: Exception) -> list[str]:
    """Why handling a message failed, as messages for a log or a reply."""
    return list(getattr(error, "messages", None) or [str(error)])


def outcome(service: str, handle: Callable[[], str], logger: logging.Logger):
    """``handle()``'s result as the receiver's answer."""
    try:
        result = handle()
    except NOT_POSTED as error:
        logger.warning("%s message not posted: %s", service, "; ".join(reasons(error)))
        result = REFUSED
    return JsonResponse({"ok": True, "result": result})
