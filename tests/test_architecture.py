"""The package's imports run one way: no module imports, directly or
through others, a module that imports it back (counting imports inside
functions, which would only hide a circle), and down the layers
(``LAYERS``): settings and words at the bottom, then access rules and an
update's shape, the models, the read service and the change publisher,
and every surface on top — where the two APIs never import each other and
the editing API reaches no surface."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "wagtail_liveblog"


def module_of(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def own_modules() -> dict[str, Path]:
    return {
        module_of(path): path
        for path in PACKAGE.rglob("*.py")
        if "migrations" not in path.parts
    }


def imported(name: str, path: Path, modules: set[str]) -> set[str]:
    """The package's own modules that ``name`` imports, anywhere in it."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            candidates = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                for alias in node.names
            ]
        else:
            continue
        for candidate in candidates:
            while candidate and candidate not in modules:
                candidate = candidate.rpartition(".")[0]
            if candidate and candidate != name:
                found.add(candidate)
    return found


def circles(graph: dict[str, set[str]]) -> list[set[str]]:
    """Groups of modules that reach each other (Kosaraju, iteratively)."""
    order: list[str] = []
    seen: set[str] = set()
    for start in graph:
        if start in seen:
            continue
        stack = [(start, iter(sorted(graph[start])))]
        seen.add(start)
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                order.append(node)
                stack.pop()
            elif child not in seen:
                seen.add(child)
                stack.append((child, iter(sorted(graph[child]))))
    reverse: dict[str, set[str]] = {node: set() for node in graph}
    for node, targets in graph.items():
        for target in targets:
            reverse[target].add(node)
    groups, assigned = [], set()
    for node in reversed(order):
        if node in assigned:
            continue
        group, pending = set(), [node]
        while pending:
            current = pending.pop()
            if current in assigned:
                continue
            assigned.add(current)
            group.add(current)
            pending.extend(reverse[current] - assigned)
        if len(group) > 1:
            groups.append(group)
    return groups


def test_no_import_circles():
    modules = own_modules()
    graph = {name: imported(name, path, set(modules)) for name, path in modules.items()}
    assert len(graph) > 40  # the whole package was read
    assert circles(graph) == []


def test_the_checker_finds_a_circle():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [
        {"a", "b", "c"}
    ]


# -- layers ------------------------------------------------------------------------------

#: Each part of the package, by layer: a part imports only parts of its own
#: layer or below. A new top-level module or package must be placed here.
LAYERS = [
    # Settings, words and plumbing that know nothing of live blogs' rows.
    {"conf", "text", "limits", "params", "formats", "status", "signals", "db"},
    # Who may read and write (reading pages and rows through attributes),
    # the blocks, and an update's HTML and JSON shape.
    {"access", "http", "blocks", "readmodel"},
    {"models"},
    # Queries and the read service; the change publisher; the permission
    # policy Wagtail's views ask.
    {"reading", "push", "permissions"},
    # Every surface: the reader routes, both APIs, the admin, the editing
    # API, chat ingest, webhooks, and the glue that wires them.
    {
        "reader",
        "api",
        "api.v2",
        "api.v3",
        "admin",
        "editing",
        "ingest",
        "webhooks",
        "frontend_cache",
        "management",
        "middleware",
        "templatetags",
        "signal_handlers",
        "wagtail_hooks",
        "apps",
        "checks",
    },
]
#: The page model hosts its routes, its API fields and its editor panel.
HOSTED_BY_THE_PAGE = ("reader", "api.v2", "admin")
#: Imports that never happen: the two APIs are adapters of the same read
#: service and editing API, not of each other; the editing API reaches no
#: surface (HTTP, the admin, chat, webhooks, cache purges).
NEVER = {
    ("api.v2", "api.v3"),
    ("api.v3", "api.v2"),
    *(
        ("editing", surface)
        for surface in (
            "reader",
            "api.v2",
            "api.v3",
            "admin",
            "ingest",
            "webhooks",
            "frontend_cache",
        )
    ),
}


def part(name: str) -> str:
    parts = name.split(".")[1:] or ["__init__"]
    if parts[0] == "api" and len(parts) > 1:
        return f"api.{parts[1]}"
    return parts[0]


def layer_of(name: str) -> int:
    for index, members in enumerate(LAYERS):
        if part(name) in members:
            return index
    raise AssertionError(f"{name} is in no layer of tests/test_architecture.py")


def crossings() -> list[str]:
    modules = own_modules()
    wrong = []
    for name, path in modules.items():
        if part(name) == "__init__":
            continue
        for target in imported(name, path, set(modules)):
            if part(target) == "__init__":
                continue
            hosted = name == "wagtail_liveblog.models.page" and part(target) in (
                HOSTED_BY_THE_PAGE
            )
            if layer_of(target) > layer_of(name) and not hosted:
                wrong.append(f"{name} imports {target}, a layer above it")
            if (part(name), part(target)) in NEVER:
                wrong.append(f"{name} imports {target}, which it never does")
    return wrong


def test_every_import_runs_down_the_layers():
    assert crossings() == []


def test_the_layer_check_sees_a_wrong_import(monkeypatch):
    real = imported

    def with_a_wrong_one(name, path, modules):
        found = real(name, path, modules)
        if name == "wagtail_liveblog.api.v2.views":
            found |= {"wagtail_liveblog.api.v3.reads"}
        if name == "wagtail_liveblog.readmodel.serialize":
            found |= {"wagtail_liveblog.reading.queries"}
        return found

    monkeypatch.setattr(sys.modules[__name__], "imported", with_a_wrong_one)
    assert sorted(crossings()) == [
        "wagtail_liveblog.api.v2.views imports wagtail_liveblog.api.v3.reads, "
        "which it never does",
        "wagtail_liveblog.readmodel.serialize imports "
        "wagtail_liveblog.reading.queries, a layer above it",
    ]
