"""The store is an interface: nothing outside :mod:`fogwatch.store` reaches into it.

1. No module of fogwatch outside ``src/fogwatch/store/`` touches a private
   attribute of a Store (``store._read``, ``self.store._engine``,
   ``Store._errors``) or imports a private name from the store package: it calls
   the Store's public methods (``Store.reading`` for a reader that pages through
   tables itself) and the store package's query functions.
2. The cross-document tables (propositions, stances, merged events, reports and
   their keys) are written by one module, :mod:`fogwatch.store.crossdoc`;
   :mod:`fogwatch.reconcile` builds no SQL and imports no table.

The checks read the sources with :mod:`ast` (nothing is imported). What counts
as "a Store" is a name or attribute called ``store`` (or ending in ``store``),
the ``Store`` class, and any name a function annotates as a Store or binds from
``Store(...)``/``Store.open(...)``. Benchmarks may look inside (they also run
against older sources) and are not checked.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "fogwatch"
STORE_PACKAGE = SRC / "store"
CROSSDOC_TABLES = frozenset({
    "propositions", "proposition_stances", "proposition_keys",
    "merged_events", "merged_event_keys", "event_reports",
})


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _storeish_name(name: str) -> bool:
    return name == "Store" or name.lower().endswith("store")


def _is_store_annotation(node: ast.expr | None) -> bool:
    if node is None:
        return False
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        try:
            node = ast.parse(node.value, mode="eval").body
        except SyntaxError:
            return False
    if isinstance(node, ast.Name):
        return node.id == "Store"
    if isinstance(node, ast.Attribute):
        return node.attr == "Store"
    if isinstance(node, ast.BinOp):  # Store | None
        return _is_store_annotation(node.left) or _is_store_annotation(node.right)
    if isinstance(node, ast.Subscript):  # Optional[Store]
        return _is_store_annotation(node.slice)
    return False


def _makes_store(node: ast.expr | None) -> bool:
    """``Store(...)``, ``Store.open(...)`` (or ``x.Store.open(...)``)."""
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr == "open":
        func = func.value  # type: ignore[assignment]
    return (isinstance(func, ast.Name) and func.id == "Store") or (
        isinstance(func, ast.Attribute) and func.attr == "Store")


def _store_names(tree: ast.AST) -> set[str]:
    """Names that hold a Store somewhere in ``tree``: annotated or bound as one."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.arg) and _is_store_annotation(node.annotation):
            names.add(node.arg)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) \
                and _is_store_annotation(node.annotation):
            names.add(node.target.id)
        elif isinstance(node, ast.Assign) and _makes_store(node.value):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.withitem) and _makes_store(node.context_expr) \
                and isinstance(node.optional_vars, ast.Name):
            names.add(node.optional_vars.id)
    return names


def private_store_uses(source: str) -> list[tuple[int, str]]:
    """``(line, text)`` of every private Store attribute touched and every private
    name imported from ``fogwatch.store`` in ``source``."""
    tree = ast.parse(source)
    held = _store_names(tree)
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _private(node.attr):
            owner = node.value
            if isinstance(owner, ast.Name) and (owner.id in held or _storeish_name(owner.id)):
                found.append((node.lineno, f"{owner.id}.{node.attr}"))
            elif isinstance(owner, ast.Attribute) and _storeish_name(owner.attr):
                found.append((node.lineno, f"….{owner.attr}.{node.attr}"))
            elif _makes_store(owner):
                found.append((node.lineno, f"Store(…).{node.attr}"))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("fogwatch.store"):
            for alias in node.names:
                if _private(alias.name):
                    found.append((node.lineno, f"from {node.module} import {alias.name}"))
    return sorted(found)


def _outside_store() -> list[Path]:
    return [p for p in sorted(SRC.rglob("*.py")) if STORE_PACKAGE not in p.parents]


def test_the_check_finds_private_access() -> None:
    source = '''
from fogwatch.store.store import _find_duplicate
from fogwatch.store import Store

def export(store, out):
    with store._read("x") as conn:
        pass

class Page:
    def show(self):
        return self.store._engine

def run(db: "Store | None", other):
    db._write("x")
    with Store.open("x") as opened:
        opened._errors("y")
    kept = Store.open("y")
    kept._engine.dispose()
    Store._reason
    other._private  # not a Store: allowed
    store.reading("fine")
    store.__class__  # dunders are public
'''
    found = [text for _, text in private_store_uses(source)]
    assert found == [
        "from fogwatch.store.store import _find_duplicate", "store._read", "….store._engine",
        "db._write", "opened._errors", "kept._engine", "Store._reason",
    ], found


def test_no_module_outside_the_store_touches_its_private_members() -> None:
    outside = _outside_store()
    assert len(outside) > 50  # the walk found the package
    bad = [
        f"{path.relative_to(SRC.parent)}:{line}: {text}"
        for path in outside
        for line, text in private_store_uses(path.read_text(encoding="utf-8"))
    ]
    assert not bad, "private Store members used outside fogwatch.store:\n" + "\n".join(bad)


def _writes_to(tree: ast.AST, tables: frozenset[str]) -> list[tuple[int, str]]:
    """``table.insert()``/``.update()``/``.delete()`` on one of ``tables``."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in ("insert", "update", "delete"):
            owner = node.func.value
            name = owner.id if isinstance(owner, ast.Name) else (
                owner.attr if isinstance(owner, ast.Attribute) else None)
            if name in tables:
                found.append((node.lineno, f"{name}.{node.func.attr}()"))
    return found


def test_only_crossdoc_writes_the_cross_document_tables() -> None:
    owner = STORE_PACKAGE / "crossdoc.py"
    assert _writes_to(ast.parse(owner.read_text(encoding="utf-8")), CROSSDOC_TABLES)
    bad = [
        f"{path.relative_to(SRC.parent)}:{line}: {text}"
        for path in sorted(SRC.rglob("*.py"))
        if path != owner and "migrations" not in path.parts
        for line, text in _writes_to(ast.parse(path.read_text(encoding="utf-8")),
                                     CROSSDOC_TABLES)
    ]
    assert not bad, "cross-document tables written outside crossdoc:\n" + "\n".join(bad)


def test_reconcile_builds_no_sql() -> None:
    """Reconcile holds a connection (its transaction) but queries only through
    :mod:`fogwatch.store.crossdoc`."""
    bad = []
    for path in sorted((SRC / "reconcile").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                modules = [node.module or ""]
            else:
                continue
            for module in modules:
                sql = module == "sqlalchemy" or (
                    module.startswith("sqlalchemy.") and module != "sqlalchemy.engine")
                if sql or module == "fogwatch.store.schema":
                    bad.append(f"{path.name}:{node.lineno}: imports {module}")
                if module == "sqlalchemy.engine" and isinstance(node, ast.ImportFrom) \
                        and [a.name for a in node.names] != ["Connection"]:
                    bad.append(f"{path.name}:{node.lineno}: imports more than Connection")
    assert not bad, "\n".join(bad)
