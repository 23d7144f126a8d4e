"""Keeping versions, tombstones, fast-poll gates and CDN copies in step with
Wagtail's life cycle of live blog pages and their updates."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import access, frontend_cache
from .db import write_transaction
from .formats import iso
from .models import LiveBlogUpdate, timeline
from .models.update_changes import on_update_deleted
from .push import publisher, websub
from .reader.fastpoll import forget_all
from .signals import (
    BLOG_CHANGED,
    BLOG_KEY_POINTS,
    BLOG_STATUS,
    ChangeEvent,
    liveblog_access_changed,
    liveblog_changed,
    send_robustly,
)


def blog_state(page) -> dict:
    """What readers see of the blog page itself, to compare publishes."""
    return {
        "status": page.status,
        "coverage_start": iso(page.coverage_start),
        "coverage_end": iso(page.coverage_end),
        "summary": page.summary or "",
        "title": page.title,
        "intro": page.intro or "",
    }


def on_blog_published(sender, instance, **kwargs: Any) -> None:
    """The blog page was published: tell readers what changed of it — its
    status or coverage times (``blog.status``), its key points
    (``blog.key_points``), its title or intro (``blog.changed``). A publish
    that changes none of them (a search description) moves nothing."""
    if not access.is_liveblog(instance):
        return
    state = blog_state(instance)
    with write_transaction():
        timeline.lock_blog(instance.pk)
        before = timeline.published_state(instance.pk)
        events = []
        keys = ("status", "coverage_start", "coverage_end")
        if any(before.get(key) != state[key] for key in keys):
            events.append(ChangeEvent(BLOG_STATUS))
        if before.get("summary", "") != state["summary"]:
            events.append(ChangeEvent(BLOG_KEY_POINTS))
        if any(before.get(key) != state[key] for key in ("title", "intro")):
            events.append(ChangeEvent(BLOG_CHANGED))
        if events:
            timeline.next_version(instance.pk, events, published_state=state)


def on_blog_unpublished(sender, instance, **kwargs: Any) -> None:
    """The blog page was unpublished: readers lose it. Its version moves
    (polls learn it at once), and open event streams close."""
    if not access.is_liveblog(instance):
        return
    with write_transaction():
        timeline.lock_blog(instance.pk)
        timeline.next_version(
            instance.pk, [ChangeEvent(BLOG_CHANGED)], published_state={}
        )
        access_changed([instance.pk])


def on_moved(sender, instance, **kwargs: Any) -> None:
    """The blog (or an alias of it) moved: the updates' URLs changed, so
    report them all again to everyone who polls them, and who may read it
    may have changed (a new section's restrictions)."""
    page = instance.specific_deferred
    if not access.is_liveblog(page):
        return
    blog_id = page.liveblog_id
    with write_transaction():
        timeline.lock_blog(blog_id)
        version = timeline.next_version(blog_id, [ChangeEvent(BLOG_CHANGED)])
        LiveBlogUpdate.objects.filter(blog_id=blog_id, live=True).update(
            changed_version=version
        )
        access_changed([page.pk])


def access_changed(page_ids: list[int]) -> None:
    """Once the transaction commits: who may read these pages may have
    changed (``liveblog_access_changed``)."""
    transaction.on_commit(
        lambda: send_robustly(liveblog_access_changed, page_ids=page_ids)
    )


def purge_page(sender, instance, **kwargs: Any) -> None:
    """After a blog page's publish, unpublish, move or deletion: purge the
    CDN's copies of its API and poll URLs (Wagtail purges the page itself)."""
    page = instance.specific_deferred
    if access.is_liveblog(page):
        frontend_cache.purge_liveblog(page, timeline.current_version(page.pk) - 1)


def purge_changed(sender, blog_id, previous_version, events, **kwargs) -> None:
    """After a change to a blog's updates has committed: purge its page,
    feed, poll and API URLs (the page's own publish is purged above)."""
    if not frontend_cache.is_enabled():
        return
    if not any(event.update_id is not None for event in events):
        return
    page = Page.objects.filter(pk=blog_id).first()
    if page is not None:
        frontend_cache.purge_liveblog(
            page.specific_deferred,
            previous_version,
            include_page=True,
            after_commit=False,  # liveblog_changed comes after the commit
        )


def liveblogs_under(page) -> list:
    """The live blogs at or below ``page`` (aliases included)."""
    from wagtail.models import get_page_models

    models = [model for model in get_page_models() if access.is_liveblog(model)]
    if not models:
        return []
    return list(
        Page.objects.filter(path__startswith=page.path)
        .type(*models)
        .specific(defer=True)
    )


def on_privacy_changed(sender, instance, **kwargs: Any) -> None:
    """A view restriction was added, changed or removed: who may read the
    blogs below its page changed. The CDN's copies of their pages, feeds,
    polls and API answers go (a blog made private must not go on being
    served from the edge), and open event streams close, once it commits."""
    try:
        page = instance.page
    except Page.DoesNotExist:
        return  # the page itself is being deleted
    blogs = liveblogs_under(page)
    for blog in blogs:
        frontend_cache.purge_liveblog(blog, include_page=True)
    page_ids = [blog.pk for blog in blogs]
    if page_ids:
        access_changed(page_ids)


def connect_poll_gates() -> None:
    """Drop the fast-poll gates whenever routing or privacy may have changed."""
    signals = {
        "published": page_published,
        "unpublished": page_unpublished,
        "moved": post_page_move,
    }
    for name, signal in signals.items():
        signal.connect(forget_all, dispatch_uid=f"wagtail_liveblog_gates_{name}")
    for model in (PageViewRestriction, Site):
        uid = f"wagtail_liveblog_gates_save_{model.__name__}"
        post_save.connect(forget_all, sender=model, dispatch_uid=uid)
    for model in (Page, PageViewRestriction, Site):
        uid = f"wagtail_liveblog_gates_delete_{model.__name__}"
        post_delete.connect(forget_all, sender=model, dispatch_uid=uid)


def connect() -> None:
    page_published.connect(on_blog_published, dispatch_uid="wagtail_liveblog_published")
    page_unpublished.connect(
        on_blog_unpublished, dispatch_uid="wagtail_liveblog_unpublished"
    )
    post_page_move.connect(on_moved, dispatch_uid="wagtail_liveblog_moved")
    post_delete.connect(
        on_update_deleted,
        sender=LiveBlogUpdate,
        dispatch_uid="wagtail_liveblog_update_deleted",
    )
    # Connected after the version handlers, so the purge sees the new version.
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(purge_page, dispatch_uid="wagtail_liveblog_purge")
    liveblog_changed.connect(purge_changed, dispatch_uid="wagtail_liveblog_purge")
    liveblog_changed.connect(publisher.on_changed, dispatch_uid="wagtail_liveblog_push")
    liveblog_changed.connect(websub.on_change, dispatch_uid="wagtail_liveblog_websub")
    liveblog_access_changed.connect(
        publisher.on_access_changed, dispatch_uid="wagtail_liveblog_push_access"
    )
    connect_poll_gates()
    for signal in (post_save, post_delete):
        signal.connect(
            on_privacy_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"wagtail_liveblog_privacy_{signal is post_save}",
        )
