"""The import rules of the README's "Architecture" section, read from the source (ast): every
import statement counts, also ones inside functions. Fails on an import cycle between modules,
an arrow between rooms the architecture does not allow, or a third-party package outside its room."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from services.settings import PROJECT_ROOT

PACKAGES = ("api", "services", "formats", "importers", "graph")

# Which rooms a room may import (itself included). A room is a package, except that
# graph/store/ is a room of its own inside graph/: the domain (graph/*.py) never sees a store.
ALLOWED: dict[str, frozenset[str]] = {
    "graph": frozenset({"graph"}),
    "graph.store": frozenset({"graph.store", "graph"}),
    "formats": frozenset({"formats", "graph", "graph.store"}),
    "importers": frozenset({"importers", "formats", "graph"}),
    "services": frozenset({"services", "importers", "formats", "graph", "graph.store"}),
    "api": frozenset({"api", "services", "importers", "formats", "graph", "graph.store"}),
}

# Third-party packages only one room (or one module) may import.
ONLY_IN: dict[str, tuple[str, ...]] = {
    "neo4j": ("graph.store.neo4j",),  # the driver
    "fastapi": ("api",),
    "starlette": ("api",),
    "uvicorn": ("api",),
    "sqlite3": ("graph.store.embedded",),
    # The argument graph hides its networkx layout; GraphML is written through networkx.
    "networkx": ("graph.argument_graph", "formats.graphml"),
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PROJECT_ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((PROJECT_ROOT / package).rglob("*.py")):
            found[module_name(path)] = path
    return found


MODULES = modules()


def imported(name: str, path: Path) -> Iterator[str]:
    """Every module ``name`` imports: first-party ones by full name (``from graph.store import
    records`` -> ``graph.store.records``), third-party ones by their top-level package."""
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".") if is_package else name.split(".")[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                yield candidate if candidate in MODULES else base


def first_party(target: str) -> str | None:
    """The module of ours ``target`` names (itself, or the package it is in), else None."""
    while target:
        if target in MODULES:
            return target
        target = target.rpartition(".")[0]
    return None


def room(module: str) -> str:
    return "graph.store" if module == "graph.store" or module.startswith("graph.store.") else module.split(".")[0]


IMPORTS: dict[str, set[str]] = {name: set(imported(name, path)) for name, path in MODULES.items()}


def test_the_walker_sees_the_modules_and_their_imports() -> None:
    # Guards the rules below against passing vacuously (a walker that finds nothing).
    assert {"graph.model", "graph.store.neo4j", "services.importing", "formats.registry", "api.cli"} <= set(MODULES)
    assert "neo4j" in IMPORTS["graph.store.neo4j"]
    assert "graph.store.records" in IMPORTS["formats.argmap_json"]
    assert "graph.store.base" in IMPORTS["services.analysis"]


@pytest.mark.parametrize("module", sorted(MODULES))
def test_rooms_import_only_what_the_architecture_allows(module: str) -> None:
    wrong = sorted(target for target in IMPORTS[module]
                   if (ours := first_party(target)) and room(ours) not in ALLOWED[room(module)])
    assert not wrong, f"{module} (room {room(module)}) must not import {wrong}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_third_party_packages_stay_in_their_room(module: str) -> None:
    for target in IMPORTS[module]:
        package = target.split(".")[0]
        if package in ONLY_IN:
            allowed = ONLY_IN[package]
            assert any(module == a or module.startswith(a + ".") for a in allowed), \
                f"{module} imports {package}; only {', '.join(allowed)} may"


def test_there_is_no_import_cycle() -> None:
    edges = {name: {ours for target in targets if (ours := first_party(target)) and ours != name}
             for name, targets in IMPORTS.items()}
    # A package's __init__ importing its own submodules is how packages work, not a cycle.
    for name in edges:
        edges[name] = {t for t in edges[name] if not name.startswith(t + ".")}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for other in sorted(edges[node]):
            if state.get(other) == 1:
                cycle = stack[stack.index(other):] + [other]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if other not in state:
                visit(other)
        stack.pop()
        state[node] = 2

    for name in sorted(edges):
        if name not in state:
            visit(name)


def test_the_cli_calls_services_never_routes() -> None:
    routes = sorted(t for t in IMPORTS["api.cli"] if (first_party(t) or "").startswith("api.routes"))
    assert not routes, f"api.cli imports {routes}: call the service the route calls instead"


@pytest.mark.parametrize("implementation", ["graph.store.embedded", "graph.store.neo4j"])
def test_only_the_factory_knows_the_store_implementations(implementation: str) -> None:
    importers_of = sorted(name for name, targets in IMPORTS.items()
                          if name != implementation and any(first_party(t) == implementation for t in targets))
    assert importers_of == ["graph.store.factory"]
