"""The shape of the code (docs/architecture.md), checked so that it stays.

* no module over 500 lines;
* no import cycle between modules (imports under ``TYPE_CHECKING`` aside);
* imports go down the layers: nothing the parser runs imports ``training/``
  or ``evaluate/``, and a layer never imports one above it;
* Han-character string literals live in data files, not in code (docstrings,
  comments and error messages aside): fewer than 60 remain.

These read the source with :mod:`ast`; no model is loaded.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "fazhi_ie"
MAX_LINES = 500
MAX_HAN_LITERALS = 60

#: Layers, lowest first: a module may import its own layer and those below.
LAYERS: list[tuple[str, ...]] = [
    ("about", "errors", "resources", "records", "network", "threads", "spacy_cli"),
    ("text", "values"),
    ("lexicons", "pretrained"),
    ("segmenter", "ner", "components"),
    ("build",),
    ("inputs", "pipeline", "decode"),
    ("api", "summary", "view", "tables", "__init__", "workers", "serverload", "serverstart"),
    ("batch", "dask"),
    ("evaluate",),
    ("training",),
    ("cli", "__main__"),
]


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PKG.rglob("*.py")):
        rel = path.relative_to(PKG.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _layer(module: str) -> int:
    parts = module.split(".")
    top = parts[1] if len(parts) > 1 else "__init__"
    for i, names in enumerate(LAYERS):
        if top in names:
            return i
    raise AssertionError(f"{module}: its package {top!r} has no layer in LAYERS")


def _is_type_checking(node: ast.If) -> bool:
    t = node.test
    return (isinstance(t, ast.Name) and t.id == "TYPE_CHECKING") or (
        isinstance(t, ast.Attribute) and t.attr == "TYPE_CHECKING"
    )


def _resolve(module: str, is_pkg: bool, node: ast.ImportFrom) -> list[str]:
    if node.level:
        base = module.split(".")
        if not is_pkg:
            base = base[:-1]
        base = base[: len(base) - (node.level - 1)]
        prefix = ".".join(base + ([node.module] if node.module else []))
    else:
        prefix = node.module or ""
    names = [prefix]
    names += [f"{prefix}.{a.name}" for a in node.names]
    return [n for n in names if n in MODULES]


def _imports(module: str) -> set[str]:
    """Modules of fazhi_ie that ``module`` imports at run time (any depth of the body)."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_pkg = path.name == "__init__.py"
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for sub in child.orelse:
                    visit(sub)
                continue
            if isinstance(child, ast.Import):
                found.update(a.name for a in child.names if a.name in MODULES)
            elif isinstance(child, ast.ImportFrom):
                found.update(_resolve(module, is_pkg, child))
            visit(child)

    visit(tree)
    found.discard(module)
    return found


def test_no_module_is_over_500_lines():
    long = {
        m: n
        for m, p in MODULES.items()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, long


def _parents(module: str) -> set[str]:
    parts = module.split(".")
    return {".".join(parts[:i]) for i in range(1, len(parts))}


def test_no_import_cycles():
    # a package's __init__ re-exporting its children is not a cycle
    graph = {m: {i for i in _imports(m) if i not in _parents(m)} for m in MODULES}
    cycles = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def dfs(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                cycles.append([*stack[stack.index(n) :], n])
            elif n not in state:
                dfs(n)
        stack.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            dfs(m)
    assert not cycles, cycles[:5]


def test_imports_go_down_the_layers():
    up = []
    for m in MODULES:
        for i in _imports(m):
            if i in _parents(m):
                continue
            if _layer(i) > _layer(m):
                up.append(f"{m} -> {i}")
    assert not up, up


def _docstring_nodes(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def _has_han(s: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in s)


def han_literals() -> list[str]:
    """``module:line: literal`` for every Han string literal in code (not docstrings,
    not error messages in ``errors.py``)."""
    out = []
    for m, path in MODULES.items():
        if m in {"fazhi_ie.errors"}:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _docstring_nodes(tree)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in skip
                and _has_han(node.value)
            ):
                out.append(f"{m}:{node.lineno}: {node.value[:40]!r}")
    return out


def test_han_literals_live_in_data_files():
    found = han_literals()
    assert len(found) < MAX_HAN_LITERALS, "\n".join(found)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_every_module_parses(module):
    ast.parse(MODULES[module].read_text(encoding="utf-8"))
