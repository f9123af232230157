"""The shape of the code (docs/architecture.md): no import cycles anywhere in werkbrug, and
the pure packages import neither Django nor werkbrug's Django apps."""

from __future__ import annotations

import ast
from pathlib import Path

import werkbrug

ROOT = Path(werkbrug.__file__).parent
PURE = ("exchange", "indicators", "matching", "evaluation", "taxonomy", "grants", "textsafe")
# What the pure packages may import of werkbrug besides each other.
PURE_ALSO = ("werkbrug.textsafe",)


def _modules() -> dict[str, Path]:
    found = {}
    for path in ROOT.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        parts = ("werkbrug", *path.with_suffix("").relative_to(ROOT).parts)
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imports(path: Path, known: dict[str, Path]) -> set[str]:
    """Every werkbrug module a file imports, at the top or inside a function."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                names.add(full if full in known else node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return {n for n in names if n in known or n.split(".")[0] == "django"}


def _graph() -> dict[str, set[str]]:
    known = _modules()
    return {name: _imports(path, known) for name, path in known.items()}


def _cycle_from(graph: dict[str, set[str]], start: str) -> list[str] | None:
    """A path of imports from ``start`` back to itself, if there is one."""
    stack = [(start, [start])]
    seen: set[str] = set()
    while stack:
        node, path = stack.pop()
        for nxt in graph.get(node, ()):
            if nxt == start:
                return [*path, start]
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, [*path, nxt]))
    return None


def test_no_module_imports_itself_through_others() -> None:
    graph = _graph()
    cycles = [c for name in sorted(graph) if (c := _cycle_from(graph, name))]
    assert cycles == [], " → ".join(cycles[0]) if cycles else ""


def test_the_pure_packages_import_no_django_and_no_django_app() -> None:
    graph = _graph()
    pure = tuple(f"werkbrug.{p}" for p in PURE)

    def is_pure(name: str) -> bool:
        # A package and its modules, not every name that starts alike (werkbrug.grants_cli is
        # the command, which reaches the database).
        return any(name == p or name.startswith(p + ".") for p in pure)

    wrong = {
        module: sorted(n for n in imported if not is_pure(n) and n not in PURE_ALSO)
        for module, imported in graph.items()
        if is_pure(module)
    }
    assert {m: names for m, names in wrong.items() if names} == {}
