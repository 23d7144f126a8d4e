"""The actions of one row of the desk: Wagtail's "More options" dropdown.

Every action a user may take on an update is in it (so it is reachable on
a phone as on a desktop): edit, pin or unpin, key event on or off, preview
or view live, history, delete; and publish (a draft), approve and request
changes (for its reviewers), unpublish (``row_actions.py``). Those, pin
and key event are POSTs: Wagtail ``w-action`` buttons whose click the
desk's controller (``liveblog-desk#post``, listed first) does in place (the
half-written post in the composer stays); without it ``w-action`` posts them.
"""

from __future__ import annotations

from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets.button import Button, ButtonWithDropdown

from .. import access
from ..permissions import permission_policy
from . import row_actions
from .columns import row_title

#: Toggle names in the URL: (field, new value).
TOGGLES = {
    "pin": ("pinned", True),
    "unpin": ("pinned", False),
    "key-event": ("key_event", True),
    "not-key-event": ("key_event", False),
}


def url_name(name: str) -> str:
    return f"wagtail_liveblog:{name}"


def _with_next(url: str, next_url: str | None) -> str:
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def may_toggle(user, update) -> bool:
    """Pin and key event publish a live update's change at once (publish
    permission); on a draft they change the draft (edit permission)."""
    action = "publish" if update.live else "change"
    return (
        access.may(user, action, update) and access.blocking_lock(user, update) is None
    )


def post_button(url: str, label, icon_name: str, priority: int, **attrs) -> Button:
    """A button that POSTs to ``url`` in place: the desk's controller does it
    in the background; without it Wagtail's ``w-action`` posts a form."""
    return Button(
        label,
        icon_name=icon_name,
        priority=priority,
        attrs={
            "data-controller": "w-action",
            "data-action": "liveblog-desk#post w-action#post",
            "data-w-action-url-value": url,
            **attrs,
        },
    )


def toggle_button(update, toggle: str, label, icon_name: str, priority: int) -> Button:
    url = reverse(url_name("toggle"), args=[quote(update.pk), toggle])
    return post_button(
        url, label, icon_name, priority, **{"data-liveblog-toggle": toggle}
    )


def row_action_button(update, action: str, label, icon_name: str, priority: int):
    url = reverse(url_name("row_action"), args=[quote(update.pk), action])
    return post_button(
        url, label, icon_name, priority, **{"data-liveblog-row-action": action}
    )


def workflow_buttons(update, user) -> list[Button]:
    """Approve and Request changes, for a reviewer of the update's task."""
    allowed = row_actions.review_actions(user, update)
    buttons = []
    if row_actions.APPROVE in allowed:
        buttons.append(
            row_action_button(update, row_actions.APPROVE, _("Approve"), "success", 6)
        )
    if row_actions.REJECT in allowed:
        buttons.append(
            row_action_button(
                update, row_actions.REJECT, _("Request changes"), "warning", 7
            )
        )
    return buttons


def row_buttons(
    update, *, user, live_url: str | None = None, next_url: str | None = None
) -> list:
    """The row's dropdown of actions ``user`` may take on ``update``
    (``live_url``: the blog's public URL, when it is live)."""

    def can(action: str) -> bool:
        return permission_policy.user_has_permission_for_instance(user, action, update)

    pk = quote(update.pk)
    title = row_title(update)
    buttons = []
    if row_actions.may_publish_draft(user, update):
        buttons.append(
            row_action_button(update, row_actions.PUBLISH, _("Publish"), "upload", 5)
        )
    buttons += workflow_buttons(update, user)
    if can("change"):
        buttons.append(
            Button(
                _("Edit"),
                url=reverse(url_name("edit"), args=[pk]),
                icon_name="edit",
                priority=10,
            )
        )
    if may_toggle(user, update):
        if update.pinned:
            buttons.append(
                toggle_button(update, "unpin", _("Unpin"), "thumbtack-crossed", 20)
            )
        else:
            buttons.append(toggle_button(update, "pin", _("Pin"), "thumbtack", 20))
        if update.key_event:
            buttons.append(
                toggle_button(update, "not-key-event", _("Not a key event"), "tag", 30)
            )
        else:
            buttons.append(
                toggle_button(update, "key-event", _("Mark as key event"), "tag", 30)
            )
    if update.latest_revision_id and (
        not update.live or update.has_unpublished_changes
    ):
        buttons.append(
            Button(
                _("Preview draft"),
                url=reverse(
                    url_name("revisions_view"), args=[pk, update.latest_revision_id]
                ),
                icon_name="view",
                priority=40,
                attrs={"target": "_blank", "rel": "noreferrer"},
            )
        )
    if update.live and live_url:
        buttons.append(
            Button(
                _("View live"),
                url=f"{live_url}?{urlencode({'update': update.pk})}#{update.anchor}",
                icon_name="link-external",
                priority=40,
                attrs={"target": "_blank", "rel": "noreferrer"},
            )
        )
    if can("change"):
        buttons.append(
            Button(
                _("History"),
                url=reverse(url_name("history"), args=[pk]),
                icon_name="history",
                priority=50,
            )
        )
    if row_actions.may_unpublish(user, update):
        buttons.append(
            row_action_button(
                update, row_actions.UNPUBLISH, _("Unpublish"), "download", 60
            )
        )
    if can("delete"):
        buttons.append(
            Button(
                _("Delete"),
                url=_with_next(reverse(url_name("delete"), args=[pk]), next_url),
                icon_name="bin",
                priority=70,
            )
        )
    if not buttons:
        return []
    return [
        ButtonWithDropdown(
            buttons=buttons,
            icon_name="dots-horizontal",
            attrs={
                "aria-label": _("Actions for '%(title)s'") % {"title": title},
                "data-liveblog-row-actions": str(update.pk),
            },
        )
    ]
