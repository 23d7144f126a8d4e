"""Which live blogs a request may read through the API.

The rules are those of Wagtail's own pages endpoint: the page is live, no
view restriction on it or an ancestor rejects the request, and it belongs
to the site that serves the request (or a translation of its root). Anything
else is "not found", so the API never tells apart a private blog from a
missing one.

One rule goes further than Wagtail core: an alias shows its source's
updates, so the restrictions over its source (on the source page and its
ancestors, through aliases of aliases) cover the alias too, on every route
and field (``LiveBlogPageMixin.get_view_restrictions``).
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.http import HttpRequest
from wagtail.models import Page, PageViewRestriction, Site

from ...models import LiveBlogPageMixin
from ...models.page import covering_paths


def _in_request_site(page: Page, request: HttpRequest) -> bool:
    site = Site.find_for_request(request)
    if site is None:
        return False
    return any(
        root.site_id == site.pk and page.url_path.startswith(root.root_path)
        for root in Site.get_site_root_paths()
    )


def restrictions_for(page: Page) -> list:
    return list(page.get_view_restrictions())


def visible_liveblog(request: HttpRequest, page_id: int):
    """The specific live blog page, or None.

    Sets ``page.liveblog_is_public`` (no view restriction at all applies),
    which decides the ``Cache-Control`` of the response.
    """
    base = Page.objects.live().filter(pk=page_id).only("content_type").first()
    if base is None:
        return None
    model = base.specific_class
    if model is None or not issubclass(model, LiveBlogPageMixin):
        return None
    page = model._default_manager.live().filter(pk=page_id).first()
    if page is None or not _in_request_site(page, request):
        return None
    restrictions = restrictions_for(page)
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
    each with the paths whose restrictions cover it: its source and the
    source's ancestors, through aliases of aliases
    (``models.page.covering_paths``, as the detail routes follow them)."""
    aliases = (
        Page.objects.filter(alias_of__isnull=False)
        .filter(Exists(blogs.filter(path__startswith=OuterRef("path"))))
        .values_list("path", flat=True)
    )
    return covering_paths({path: {path} for path in aliases})


def visible_liveblogs(request: HttpRequest):
    """Every live blog the request may read, for the listing route, and
    whether that list is the same for everyone (``Cache-Control: public``).

    The rules of the detail routes: the restrictions on a blog and its
    ancestors count, and an alias (the blog or an ancestor) takes those over
    its source (the source page and its ancestors) instead of its own. Only
    those restrictions are read, whatever the number of restricted pages
    elsewhere.
    """
    from wagtail.models import get_page_models

    models = [m for m in get_page_models() if issubclass(m, LiveBlogPageMixin)]
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
            # This request sees a blog that others may not.
            public = False
            continue
        restricted = restriction.page.path
        blogs = blogs.exclude(path__startswith=restricted)
        for alias_path, paths in alias_coverage.items():
            if any(path.startswith(restricted) for path in paths):
                blogs = blogs.exclude(path__startswith=alias_path)
    return blogs, public
