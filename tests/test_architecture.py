"""The import rules of ARCHITECTURE.md, checked over every module with `ast`.

Layers, lowest first: a module may import its own package and anything in a lower layer, never a
higher layer or a sibling on its own layer. ingest/ never imports bot/, and bot/ never imports
the write side of the index: it writes only through ingest.sources.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

from tests.support.helpers import REPO

# Lowest first. Packages on one line are siblings: neither may import the other.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("ingest", "ingest.core"),
    ("ingest.index", "ingest.fetching", "ingest.claims"),
    ("ingest.parsing", "ingest.ledger"),
    ("ingest.pipeline",),
    ("ingest.sources",),
    ("bot.answering",),
    ("bot.feedback", "bot.channels", "bot.records", "bot.timeline", "bot.alerts"),
    ("bot.app",),
    ("bot.discord",),
    ("bot.cli", "bot"),
)
# The write side of the index, which nothing under bot/ may import.
WRITE_SIDE = (
    "ingest.index.writer",
    "ingest.ledger.writer",
    "ingest.pipeline.ingestor",
    "ingest.sources.runner",
)
PACKAGES = ("bot", "ingest")


def layer_of(module: str) -> tuple[int, str] | None:
    """(rank, layer) of a module of bot/ or ingest/: its longest listed package; None if unlisted."""
    best: tuple[int, str] | None = None
    for rank, names in enumerate(LAYERS):
        for name in names:
            exact_package = name in PACKAGES and module == name
            inside = "." in name and (module == name or module.startswith(name + "."))
            if (exact_package or inside) and (best is None or len(name) > len(best[1])):
                best = (rank, name)
    return best


def violations(imports: Mapping[str, Iterable[str]]) -> list[str]:
    """Every import that breaks a rule, as 'importer -> imported: why'."""
    found = []
    for importer, imported in sorted(imports.items()):
        here = layer_of(importer)
        for target in sorted(set(imported)):
            if target.split(".")[0] not in PACKAGES:
                continue  # the standard library and third-party packages
            there = layer_of(target)
            if here is None or there is None:
                unlisted = importer if here is None else target
                found.append(f"{importer} -> {target}: {unlisted} is in no layer")
            elif importer.startswith("ingest") and target.startswith("bot"):
                found.append(f"{importer} -> {target}: ingest/ never imports bot/")
            elif importer.startswith("bot") and target.startswith(WRITE_SIDE):
                found.append(f"{importer} -> {target}: bot/ writes only through ingest.sources")
            elif there[0] > here[0]:
                found.append(f"{importer} -> {target}: {here[1]} is below {there[1]}")
            elif there[0] == here[0] and there[1] != here[1]:
                found.append(f"{importer} -> {target}: {here[1]} and {there[1]} are siblings")
    return found


def module_name(path: Path) -> str:
    """`bot/discord/app.py` -> `bot.discord.app`; a package's __init__ is the package."""
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """Every module `path` imports, at any depth (functions and TYPE_CHECKING blocks too)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolve against the importing package
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:  # `from bot.discord import progress` imports a module
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base)
    return found


def source_imports() -> dict[str, set[str]]:
    """The import graph of every module under bot/ and ingest/."""
    paths = [p for package in PACKAGES for p in sorted((REPO / package).rglob("*.py"))]
    modules = {module_name(p) for p in paths}
    return {module_name(p): imports_of(p, modules) for p in paths}


def test_every_module_keeps_to_its_layer() -> None:
    graph = source_imports()
    assert len(graph) > 50 and "bot.discord.app" in graph and "ingest.core.settings" in graph
    assert violations(graph) == []


def test_every_module_is_in_a_layer() -> None:
    unlisted = [name for name in source_imports() if layer_of(name) is None]
    assert unlisted == [], "add new packages to LAYERS here and in ARCHITECTURE.md"


def test_ingest_never_imports_bot() -> None:
    for importer, imported in source_imports().items():
        if importer.startswith("ingest"):
            assert not [m for m in imported if m.split(".")[0] == "bot"], importer


@pytest.mark.parametrize(
    ("importer", "imported", "why"),
    [
        ("ingest.core.settings", "bot.app", "ingest/ never imports bot/"),
        ("ingest.index.lexical", "ingest.sources.service", "is below"),
        ("ingest.index.store", "ingest.fetching.urls", "are siblings"),
        ("bot.answering.ask", "ingest.index.writer", "writes only through ingest.sources"),
        ("bot.answering.summary", "bot.discord.format", "is below"),
        ("bot.app", "bot.cli.main", "is below"),
        ("ingest.unlisted.module", "ingest.core.db", "is in no layer"),
    ],
)
def test_the_checker_catches_a_violation(importer: str, imported: str, why: str) -> None:
    [found] = violations({importer: {imported}})
    assert found.startswith(f"{importer} -> {imported}: ") and why in found


def test_the_checker_lets_the_allowed_imports_pass() -> None:
    allowed = {
        "bot.cli.main": {"bot.app", "bot.discord.app", "ingest.core.errors", "rich.console"},
        "bot.answering.ask": {"ingest.index.store", "bot.answering.verdict", "re"},
        "ingest.sources.service": {"ingest.pipeline.ingestor", "ingest.fetching.fetch"},
        "bot": {"bot.discord.app"},
    }
    assert violations(allowed) == []


def test_imports_are_read_from_the_source() -> None:
    path = REPO / "bot" / "cli" / "discord_bot.py"  # imports create_bot inside a function
    assert "bot.discord.app" in imports_of(path, set(source_imports()))
