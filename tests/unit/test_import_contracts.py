"""The import-linter contracts in pyproject.toml hold (`make lint` runs the same check)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_layers_and_forbidden_imports_hold() -> None:
    lint_imports = Path(sys.executable).parent / "lint-imports"
    done = subprocess.run([str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def _circle(graph: object, modules: set[str]) -> list[str] | None:
    """One import circle among `modules` (imports under TYPE_CHECKING and inside functions
    count: a type-only circle still ties the two modules together), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(module: str, path: list[str]) -> list[str] | None:
        state[module] = 1
        for target in sorted(graph.find_modules_directly_imported_by(module)):  # type: ignore[attr-defined]
            if target not in modules:
                continue
            if state.get(target) == 1:
                return [*path[path.index(target):], target] if target in path else [module, target]
            if target not in state and (found := visit(target, [*path, target])):
                return found
        state[module] = 2
        return None

    for start in sorted(modules):
        if start not in state and (found := visit(start, [start])):
            return found
    return None


def test_no_module_imports_itself_through_others() -> None:
    import grimp

    graph = grimp.build_graph("fieldtui", cache_dir=None)
    modules = {m for m in graph.modules if not m.endswith(".__init__")}
    packages = {m for m in modules if graph.find_children(m)}
    assert _circle(graph, modules - packages) is None
