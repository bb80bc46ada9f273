"""Checks on the layout of the source tree that anyone can run.

1. No import cycles between fogwatch's modules. The imports of every module are
   read with :mod:`ast` (nothing is imported) and form a graph:

   - ``import a.b.c`` and ``from a.b import c`` where ``a/b/c.py`` (or the
     package ``a/b/c/``) exists are edges to that module; ``from a.b import x``
     where ``x`` is a name is an edge to ``a.b`` (its ``__init__``);
   - importing ``a.b.c`` is not counted as importing ``a`` and ``a.b`` as well,
     although Python runs their ``__init__`` first: a package's ``__init__``
     that imports its own submodules is no cycle with them, unless a submodule
     imports the package's ``__init__`` itself (``from a.b import name``);
   - imports inside functions count like module-level ones: deferring an import
     hides a cycle from the interpreter but the two modules still need each
     other, which is what makes a tree hard to read and to split. Only imports
     under ``if TYPE_CHECKING:`` are left out (they never run).

   Every strongly connected component of more than one module is a cycle; the
   test lists them all.

   And the packages the issue of dataset readers was about import one way:
   ``datasets`` <- ``evaluate`` <- ``train``.

2. No module over 600 lines without a reason: a module longer than that says
   why at its top, in its docstring or in a comment within its first 15 lines,
   with the words "600 lines" (e.g. "Longer than 600 lines because ...").
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "fogwatch"
MAX_LINES = 600
REASON_WITHIN = 15

# Known cycles whose fix belongs to another change. Each entry is removed when its
# fix lands; the test fails when an entry is no longer a cycle, so this list can
# only shrink.
KNOWN_CYCLES: list[set[str]] = []
# Modules over 600 lines without their reason yet (the same rule: only shrinks).
KNOWN_LONG: set[str] = set()


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted((SRC / PACKAGE).rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement of ``tree``, at any depth, except under TYPE_CHECKING."""
    found: list[ast.Import | ast.ImportFrom] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def _absolute(name: str, node: ast.ImportFrom, is_package: bool) -> str:
    """The absolute module a (possibly relative) ``from ... import`` names."""
    if node.level == 0:
        return node.module or ""
    base = name.split(".") if is_package else name.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def edges_of(name: str, text: str, known: dict[str, Path] | set[str],
             is_package: bool) -> set[str]:
    """The fogwatch modules that module ``name`` (source ``text``) imports."""
    targets: set[str] = set()
    for node in _imports(ast.parse(text)):
        if isinstance(node, ast.Import):
            targets.update(a.name for a in node.names)
            continue
        module = _absolute(name, node, is_package)
        for alias in node.names:
            sub = f"{module}.{alias.name}"
            targets.add(sub if sub in known else module)
    return {t for t in targets if t in known and t != name}


def import_edges(known: dict[str, Path]) -> dict[str, set[str]]:
    """Module -> the fogwatch modules it imports (see the module doc for the rules)."""
    return {name: edges_of(name, path.read_text(encoding="utf-8"), known,
                           path.name == "__init__.py")
            for name, path in known.items()}


def cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(component)
    return found


def _describe(component: set[str], graph: dict[str, set[str]]) -> str:
    edges = sorted(f"{a} -> {b}" for a in component for b in graph[a] if b in component)
    return "cycle among " + ", ".join(sorted(component)) + ":\n    " + "\n    ".join(edges)


def test_the_graph_follows_the_rules() -> None:
    """The graph builder itself, on a small package written here."""
    sources = {
        "p": ("from p.a import thing\nfrom . import b\n", True),
        "p.a": ("from p import c\nimport p.b\nimport os\n", False),
        "p.b": ("def f():\n    from .a import x\n", False),
        "p.c": ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from p.a import y\n"
                "from p import VALUE\n", False),
    }
    graph = {name: edges_of(name, text, set(sources), is_package)
             for name, (text, is_package) in sources.items()}
    assert graph == {"p": {"p.a", "p.b"}, "p.a": {"p.b", "p.c"}, "p.b": {"p.a"},
                     "p.c": {"p"}}
    # p.a <-> p.b (a deferred import counts); p -> p.a -> p.c -> p (p.c imports p itself)
    assert sorted(map(sorted, cycles(graph))) == [["p", "p.a", "p.b", "p.c"]]
    # a package importing its submodules, which import each other one way, is no cycle
    assert cycles({"p": {"p.a", "p.b"}, "p.a": {"p.b"}, "p.b": set()}) == []
    assert sorted(map(sorted, cycles({"x": {"y"}, "y": {"x"}, "z": {"w"}, "w": {"z"}}))) == [
        ["w", "z"], ["x", "y"]]


def test_no_import_cycles() -> None:
    graph = import_edges(modules())
    found = cycles(graph)
    unexpected = [c for c in found if c not in KNOWN_CYCLES]
    assert not unexpected, "import cycles:\n" + "\n".join(_describe(c, graph) for c in unexpected)
    fixed = [c for c in KNOWN_CYCLES if c not in found]
    assert not fixed, f"no longer cycles, remove them from KNOWN_CYCLES: {fixed}"


def test_datasets_evaluate_and_train_import_one_way() -> None:
    """The dataset readers need neither the scorers nor the trainers, and the scorers
    never need the trainers: ``train`` may call ``evaluate`` (a dev score), and both
    read the datasets through ``datasets``."""
    graph = import_edges(modules())
    allowed = {"datasets": set(), "evaluate": {"datasets"}, "train": {"datasets", "evaluate"}}
    wrong = sorted(
        f"{source} -> {target}"
        for source, targets in graph.items() for target in targets
        if (group := source.split(".")[1:2]) and group[0] in allowed
        and (other := target.split(".")[1]) in allowed and other != group[0]
        and other not in allowed[group[0]])
    assert not wrong, wrong


def _has_reason(path: Path) -> bool:
    text = path.read_text(encoding="utf-8")
    head = "\n".join(text.splitlines()[:REASON_WITHIN])
    docstring = ast.get_docstring(ast.parse(text)) or ""
    comments = [line for line in head.splitlines() if line.lstrip().startswith("#")]
    return "600 lines" in docstring or any("600 lines" in c for c in comments)


def test_long_modules_say_why() -> None:
    long = {name: n for name, path in modules().items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
            and not _has_reason(path)}
    unexpected = {k: v for k, v in long.items() if k not in KNOWN_LONG}
    assert not unexpected, (
        f"modules over {MAX_LINES} lines without a reason at their top (a docstring or a "
        f'comment in the first {REASON_WITHIN} lines saying "600 lines"): {unexpected}')
    fixed = KNOWN_LONG - set(long)
    assert not fixed, f"no longer long, remove them from KNOWN_LONG: {sorted(fixed)}"
