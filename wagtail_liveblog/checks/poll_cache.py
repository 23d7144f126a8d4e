"""The cache the fast poll keeps its gates in."""

from __future__ import annotations

from django.core.checks import Warning, register

#: Cache backends that keep their entries in one process.
PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)
POLL_MIDDLEWARE = "wagtail_liveblog.middleware.LiveBlogPollMiddleware"


@register("wagtail_liveblog")
def check_poll_middleware_cache(app_configs=None, **kwargs) -> list[Warning]:
    """The fast poll's gates live in Django's default cache: a per-process
    cache keeps a gate in each app process, and a blog made private goes on
    answering up-to-date polls from the other processes' gates for up to
    ``fastpoll.GATE_TTL`` seconds."""
    from django.conf import settings

    if POLL_MIDDLEWARE not in getattr(settings, "MIDDLEWARE", ()):
        return []
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend not in PER_PROCESS_CACHES:
        return []
    return [
        Warning(
            f"{POLL_MIDDLEWARE} runs with a per-process cache ({backend}).",
            hint=(
                "With more than one app process, a blog made private goes on "
                "answering up-to-date polls from the other processes for up to "
                "60 seconds. Put Django's default cache on a shared backend "
                "(Redis, Memcached or the database cache); silence "
                "wagtail_liveblog.W002 on a site served by one process."
            ),
            id="wagtail_liveblog.W002",
        )
    ]
