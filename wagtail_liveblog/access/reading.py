"""Who may read a live blog, and whether an answer is the same for everyone.

A request may read a blog when the page is published, belongs to the site
that serves the request (or a translation of its root), and no view
restriction over it refuses the request: restrictions on the page and its
ancestors and, for an alias (the page or an ancestor), those over its
source — the source page and its ancestors, through aliases of aliases.
An alias shows its source's updates, so it is as private as its source is
where the source lives (Wagtail core only counts the restrictions on the
source page itself). Anything a request may not read is "not found":
nothing tells a private blog from a missing one.

An answer is public (``Cache-Control: public``, a CDN may keep it) only
when it is the same for everyone: no restriction applies to the blog, and
the request is anonymous — no user logged in, no ``Authorization``
header — to a view Django's ``LoginRequiredMiddleware`` does not guard.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.http import HttpRequest
from django.utils.functional import LazyObject, empty
from django.utils.module_loading import import_string
from wagtail.models import Page, PageViewRestriction, Site

from .blogs import is_liveblog, page_key

# -- which restrictions cover a page ------------------------------------------


def tree_paths(path: str) -> list[str]:
    """``path`` and the paths of its ancestors, root first."""
    step = Page.steplen
    return [path[:end] for end in range(step, len(path) + 1, step)]


def covering_paths(groups: dict[Any, set[str]]) -> dict[Any, set[str]]:
    """For each group of tree paths (a page and its ancestors), every path
    whose view restrictions cover it: its own paths and, for each alias
    among them, the alias's source and the source's ancestors, and so on
    for the aliases found there (an alias of an alias, a source under an
    alias), to the end of every chain.

    One query on the tree path index per round of aliases found, for all
    groups at once: one query when there is no alias on the way.
    """
    found = {key: set(paths) for key, paths in groups.items()}
    frontier = {key: set(paths) for key, paths in groups.items()}
    while any(frontier.values()):
        asked = set().union(*frontier.values())
        sources = dict(
            Page.objects.filter(path__in=asked, alias_of__isnull=False).values_list(
                "path", "alias_of__path"
            )
        )
        for key, paths in frontier.items():
            reached = {
                ancestor
                for path in paths & sources.keys()
                for ancestor in tree_paths(sources[path])
            }
            frontier[key] = reached - found[key]
            found[key] |= frontier[key]
    return found


def view_restrictions(page):
    """The view restrictions over ``page`` (see the module's docstring), a
    queryset found through the tree path index: two small queries."""
    paths = covering_paths({None: set(tree_paths(page.path))})[None]
    return PageViewRestriction.objects.filter(
        page__path__in=paths, page__alias_of__isnull=True
    )


def is_public(page) -> bool:
    """True when no view restriction applies to ``page``."""
    return not page.get_view_restrictions().exists()


def may_read(request: HttpRequest | None, page) -> bool:
    """Whether ``request`` passes every view restriction over ``page``.

    Without a request (API v3 builds page schemas without one), only a page
    no restriction covers is readable. Remembered on the page instance,
    which serves one request: the pages endpoint asks once per field.
    """
    remembered = page.__dict__.get("_liveblog_may_read")
    if remembered is not None and remembered[0] is request:
        return remembered[1]
    restrictions = list(page.get_view_restrictions())
    if request is None:
        readable = not restrictions
    else:
        readable = all(
            restriction.accept_request(request) for restriction in restrictions
        )
    page.__dict__["_liveblog_may_read"] = (request, readable)
    return readable


# -- the blogs a request may read -----------------------------------------------


def in_request_site(page, request: HttpRequest) -> bool:
    site = Site.find_for_request(request)
    if site is None:
        return False
    return any(
        root.site_id == site.pk and page.url_path.startswith(root.root_path)
        for root in Site.get_site_root_paths()
    )


def readable_liveblog(request: HttpRequest, page_id: Any):
    """The specific live blog page ``request`` may read, or None.

    Sets ``page.liveblog_is_public`` (no view restriction applies), which
    decides whether the answer may be cached publicly.
    """
    key = page_key(page_id)
    if key is None:
        return None
    base = Page.objects.live().filter(pk=key).only("content_type").first()
    if base is None or not is_liveblog(base):
        return None
    page = base.specific_class._default_manager.live().filter(pk=key).first()
    if page is None or not in_request_site(page, request):
        return None
    restrictions = list(page.get_view_restrictions())
    if any(not restriction.accept_request(request) for restriction in restrictions):
        return None
    page.liveblog_is_public = not restrictions
    return page


def _site_roots(request: HttpRequest) -> list[Page]:
    site = Site.find_for_request(request)
    if site is None:
        return []
    root = site.root_page
    if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return [root, *root.get_translations()]
    return [root]


def _alias_coverage(blogs) -> dict[str, set[str]]:
    """The aliases on the path of a live blog (the blog itself included),
    each with the paths whose restrictions cover it."""
    aliases = (
        Page.objects.filter(alias_of__isnull=False)
        .filter(Exists(blogs.filter(path__startswith=OuterRef("path"))))
        .values_list("path", flat=True)
    )
    return covering_paths({path: {path} for path in aliases})


def readable_liveblogs(request: HttpRequest):
    """Every live blog ``request`` may read, and whether that list is the
    same for everyone. Only the restrictions over live blogs are read,
    whatever the number of restricted pages elsewhere."""
    from wagtail.models import get_page_models

    models = [model for model in get_page_models() if is_liveblog(model)]
    roots = _site_roots(request)
    if not models or not roots:
        return Page.objects.none(), True
    in_site = Q()
    for root in roots:
        in_site |= Q(path__startswith=root.path)
    blogs = Page.objects.live().type(*models).filter(in_site)
    alias_coverage = _alias_coverage(blogs)
    source_prefixes = set().union(*alias_coverage.values())
    restrictions = (
        PageViewRestriction.objects.filter(page__alias_of__isnull=True)
        .filter(
            Exists(blogs.filter(path__startswith=OuterRef("page__path")))
            | Q(page__path__in=source_prefixes)
        )
        .select_related("page")
    )
    public = True
    for restriction in restrictions:
        if restriction.accept_request(request):
            public = False  # this request sees a blog that others may not
            continue
        restricted = restriction.page.path
        blogs = blogs.exclude(path__startswith=restricted)
        for alias_path, paths in alias_coverage.items():
            if any(path.startswith(restricted) for path in paths):
                blogs = blogs.exclude(path__startswith=alias_path)
    return blogs, public


# -- whether an answer is the same for everyone ------------------------------------


@lru_cache(maxsize=8)
def _login_required_middleware(middleware: tuple[str, ...]) -> bool:
    from django.contrib.auth.middleware import LoginRequiredMiddleware

    for path in middleware:
        try:
            found = import_string(path)
        except ImportError:
            continue
        if isinstance(found, type) and issubclass(found, LoginRequiredMiddleware):
            return True
    return False


def login_required_site() -> bool:
    """Whether the site runs Django's ``LoginRequiredMiddleware``."""
    return _login_required_middleware(tuple(getattr(settings, "MIDDLEWARE", ())))


def view_requires_login(view: Callable | None) -> bool:
    """Whether ``LoginRequiredMiddleware`` (when installed) guards ``view``."""
    return login_required_site() and bool(getattr(view, "login_required", True))


def logged_in(request: HttpRequest) -> bool:
    """Whether a user is logged in, without opening the session of a request
    that has none: touching the session adds ``Vary: Cookie``, which would
    split a CDN's copy of a public answer by every reader's cookies."""
    user = getattr(request, "user", None)
    if user is None:
        return False
    if (
        issubclass(type(user), LazyObject)
        and user._wrapped is empty
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    ):
        return False  # no session, so no one logged in through it
    return bool(getattr(user, "is_authenticated", False))


def is_anonymous(request: HttpRequest) -> bool:
    """Whether ``request`` surely has no user: no session cookie (nor a user
    already known to be logged in) and no ``Authorization`` header."""
    if request.META.get("HTTP_AUTHORIZATION"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    return not logged_in(request)


def is_personal(request: HttpRequest | None) -> bool:
    """Whether the answer to ``request`` may differ from the anonymous one: a
    logged-in user, an ``Authorization`` header (API tokens), or a view that
    requires a login. Such answers are never publicly cacheable."""
    if request is None:
        return False
    if request.META.get("HTTP_AUTHORIZATION") or logged_in(request):
        return True
    match = getattr(request, "resolver_match", None)
    return view_requires_login(match.func if match is not None else None)
