"""Test helpers live in tests/support/; no test module imports from another test module.

A test (or bench) file may import from `tests.support` only. conftest.py files hold fixtures
and are left out of the rule; nothing may import from a conftest.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SUPPORT = "tests.support"


def _imported(tree: ast.AST, module: str) -> list[tuple[int, str]]:
    """Every (line, module) a file imports, relative imports resolved against `module`."""
    found: list[tuple[int, str]] = []
    package = module.rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            found.append((node.lineno, name))
    return found


def wrong_imports(source: str, rel: str) -> list[str]:
    """The imports of one file (path `rel` from the repo root) that break the layout rule."""
    module = rel.removesuffix(".py").replace("/", ".")
    bad = []
    for line, name in _imported(ast.parse(source), module):
        first = name.split(".")[0]
        if first != "tests":
            continue
        if name == SUPPORT or name.startswith(SUPPORT + "."):
            continue
        bad.append(f"{rel}:{line}: imports {name}")
    return bad


def _files() -> list[Path]:
    files = sorted((ROOT / "tests").rglob("*.py")) + sorted((ROOT / "bench").rglob("*.py"))
    return [p for p in files if p.name != "conftest.py" and "__snapshots__" not in p.parts]


def test_tests_and_bench_import_helpers_from_tests_support_only() -> None:
    bad = []
    for path in _files():
        rel = path.relative_to(ROOT).as_posix()
        bad += wrong_imports(path.read_text(encoding="utf-8"), rel)
    assert bad == []


def test_helper_modules_outside_support_are_only_tests_or_scripts() -> None:
    """A helper left in a test folder would invite imports across folders again."""
    stray = [p.relative_to(ROOT).as_posix() for p in sorted((ROOT / "tests").rglob("*.py"))
             if "support" not in p.parts and not p.name.startswith("test_")
             and p.name not in ("conftest.py", "__init__.py", "make_vectors.py")]
    assert stray == []


def test_the_rule_catches_each_way_of_reaching_another_test_module() -> None:
    rel = "tests/unit/store/test_x.py"
    assert wrong_imports("from tests.support.paths import FIXTURES\nimport os\n", rel) == []
    assert wrong_imports("from tests.unit.store.test_study import PASS\n", rel) == [
        f"{rel}:1: imports tests.unit.store.test_study"]
    assert wrong_imports("import tests.unit.sync.world\n", rel) != []
    assert wrong_imports("from tests.conftest import FIXTURES\n", rel) != []
    assert wrong_imports("def f():\n    from tests.unit.bundle.factory import Dev\n", rel) == [
        f"{rel}:2: imports tests.unit.bundle.factory"]
    assert wrong_imports("from .test_kit import make_kit\n", rel) == [
        f"{rel}:1: imports tests.unit.store.test_kit"]
    assert wrong_imports("from . import fake_device\n", rel) == [
        f"{rel}:1: imports tests.unit.store"]
    assert wrong_imports("from tests import support\n", rel) == [f"{rel}:1: imports tests"]
