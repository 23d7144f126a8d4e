"""Who may connect a chat to a live blog, and as whom its messages post.

A chat connection posts every message of a Slack channel or Telegram chat
into one blog, as one Wagtail user, published at once or as drafts. So:

- only a user who may publish on the blog (edit it, for a connection that
  posts drafts) may create or change its connection;
- the connection posts as the user who made it; only a superuser may
  choose another user, among the active users who may edit the blog;
- each message is checked again as it arrives: once the connection's user
  is inactive or has lost the right, its messages are refused.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from wagtail.permission_policies.pages import PagePermissionPolicy

from .writing import may_edit_blog, may_publish_blog

#: The page permissions that let a user write on a blog.
EDIT_PERMISSIONS = ("add", "change", "publish")


def may_connect(user: Any, blog, *, publish: bool) -> bool:
    """Whether ``user`` may make (or change) a connection to ``blog`` that
    publishes at once (``publish``) or posts drafts."""
    if publish:
        return may_publish_blog(user, blog)
    return may_edit_blog(user, blog)


def may_choose_poster(user: Any) -> bool:
    """Whether ``user`` may make a connection post as someone else."""
    return bool(user is not None and user.is_active and user.is_superuser)


def posters(blog=None):
    """The users a connection may post as: active users who may edit
    ``blog`` (any live blog's editors, without one)."""
    policy = PagePermissionPolicy()
    if blog is None:
        users = policy.users_with_any_permission(EDIT_PERMISSIONS)
    else:
        users = policy.users_with_any_permission_for_instance(EDIT_PERMISSIONS, blog)
    return users.filter(is_active=True).order_by(get_user_model().USERNAME_FIELD)


def connection_allowed(connection) -> bool:
    """Whether a connection may post now: its user is active and may still
    edit the blog (and publish on it, for a connection that publishes)."""
    blog = connection.blog.specific
    return may_connect(connection.user, blog, publish=connection.publish)
