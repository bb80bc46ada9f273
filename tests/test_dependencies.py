"""Every package fogwatch's code imports is declared, and bounded above."""

from __future__ import annotations

import ast
import re
import sys
from importlib.metadata import packages_distributions, requires
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "fogwatch"


def _imported_top_levels() -> set[str]:
    names: set[str] = set()
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"fogwatch", "__future__"}


def _declared() -> dict[str, str]:
    """Declared runtime requirements: normalised name -> specifier text."""
    out = {}
    for req in requires("fogwatch") or []:
        if "extra ==" in req:
            continue
        name = re.split(r"[\[<>=!~; ]", req, maxsplit=1)[0]
        out[re.sub(r"[-_.]+", "-", name).lower()] = req
    return out


def test_every_imported_package_is_declared() -> None:
    dists = packages_distributions()
    declared = _declared()
    missing = {}
    for module in sorted(_imported_top_levels()):
        names = {re.sub(r"[-_.]+", "-", d).lower() for d in dists.get(module, [module])}
        if not names & set(declared):
            missing[module] = sorted(names)
    assert not missing, f"imported but not declared in pyproject.toml: {missing}"


def test_every_requirement_is_bounded_above() -> None:
    loose = [req for req in _declared().values() if "<" not in req and "==" not in req]
    assert not loose, f"requirements without an upper bound: {loose}"
