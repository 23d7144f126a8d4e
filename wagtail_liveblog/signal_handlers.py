"""Keeping the read model in step with Wagtail's page lifecycle."""

from __future__ import annotations

from django.db.models.signals import post_save
from wagtail.signals import page_published, page_unpublished, post_page_move


def is_liveblog(page) -> bool:
    from .models import LiveBlogPageMixin

    return isinstance(page, LiveBlogPageMixin)


def on_published(sender, instance, revision=None, **kwargs) -> None:
    if not is_liveblog(instance):
        return
    from . import retention, timeline

    timeline.sync_page(instance)
    retention.prune_revisions(instance)


def on_unpublished(sender, instance, **kwargs) -> None:
    if not is_liveblog(instance):
        return
    from . import timeline

    timeline.remove_page(instance)


def on_moved(sender, instance, **kwargs) -> None:
    if not is_liveblog(instance.specific_deferred):
        return
    from . import timeline

    timeline.touch_page(instance)


def on_saved(sender, instance, created=False, raw=False, **kwargs) -> None:
    """A new alias of a live blog: Wagtail sends no ``page_published`` for
    it, so its read model is filled here (later publishes of the original
    reach it through ``update_aliases``, which does send the signal)."""
    if not created or raw or not getattr(instance, "alias_of_id", None):
        return
    if not is_liveblog(instance) or not instance.live:
        return
    from . import timeline

    timeline.sync_page(instance)


def purge_frontend_cache(sender, instance, **kwargs) -> None:
    """After a publish, unpublish, move or deletion: purge the CDN's copies."""
    page = instance.specific_deferred
    if not is_liveblog(page):
        return
    from . import frontend_cache, timeline

    frontend_cache.purge_liveblog(page, timeline.current_version(page.pk) - 1)


def connect_poll_gates() -> None:
    """Drop the fast-poll gates whenever routing or privacy may have changed."""
    from django.db.models.signals import post_delete
    from wagtail.models import Page, PageViewRestriction, Site

    from .fastpoll import forget_all

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
    page_published.connect(on_published, dispatch_uid="wagtail_liveblog_published")
    page_unpublished.connect(
        on_unpublished, dispatch_uid="wagtail_liveblog_unpublished"
    )
    post_page_move.connect(on_moved, dispatch_uid="wagtail_liveblog_moved")
    post_save.connect(on_saved, dispatch_uid="wagtail_liveblog_alias_created")
    # Connected after the sync handlers, so the purge sees the new version.
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(purge_frontend_cache, dispatch_uid="wagtail_liveblog_purge")
    connect_poll_gates()
