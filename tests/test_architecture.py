"""The package's imports run one way: no module imports, directly or
through others, a module that imports it back (counting imports inside
functions, which would only hide a circle). Models and the read side are
at the bottom; views, API, admin and integrations above."""

from __future__ import annotations

import ast
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


def test_models_and_the_read_side_import_nothing_above_them():
    modules = own_modules()
    above = (
        "wagtail_liveblog.admin",
        "wagtail_liveblog.api",
        "wagtail_liveblog.editing",
    )
    above += ("wagtail_liveblog.ingest", "wagtail_liveblog.wagtail_hooks")
    for name, path in modules.items():
        if name.startswith(("wagtail_liveblog.reading", "wagtail_liveblog.models.")):
            if name == "wagtail_liveblog.models.page":
                continue  # the page hosts the reader routes, API fields, panel
            bad = [
                target
                for target in imported(name, path, set(modules))
                if target.startswith(above)
            ]
            assert bad == [], f"{name} imports {bad}"
