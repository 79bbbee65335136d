"""Arrows only downward (issue 18, item 3): `core` imports no app, the tasks import nothing of the
reports (the period dates they share live in `core.periods`), and the home page reads through
selectors, never the org models directly."""

from __future__ import annotations

import ast
from pathlib import Path

import dangvu

SRC = Path(dangvu.__file__).parent
APPS = (
    "accounts",
    "assignments",
    "documents",
    "evaluation",
    "inspection",
    "meetings",
    "notifications",
    "org",
    "portal",
    "reports",
    "workspace",
)
# A restore recounts the closed-task counts that the database triggers keep (a restored database
# brings its rows without firing them): the one place where core reaches into an app, inside the
# function that needs it.
ALLOWED = {("core/backup.py", "dangvu.assignments")}


def imports(path: Path) -> set[str]:
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def _type_checking_only(path: Path) -> set[str]:
    """Imports under `if TYPE_CHECKING:` (annotations only, no arrow at run time)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            for inner in ast.walk(node):
                if isinstance(inner, ast.ImportFrom) and inner.module:
                    found.add(inner.module)
    return found


def upward(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    out = []
    for path in sorted((SRC / folder).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        relative = str(path.relative_to(SRC))
        runtime = imports(path) - _type_checking_only(path)
        for module in sorted(runtime):
            for app in forbidden:
                target = f"dangvu.{app}"
                if (module == target or module.startswith(target + ".")) and (
                    relative,
                    target,
                ) not in ALLOWED:
                    out.append(f"{relative} imports {module}")
    return out


def test_core_imports_no_app() -> None:
    assert upward("core", APPS) == []


def test_tasks_import_nothing_of_the_reports() -> None:
    assert upward("assignments", ("reports",)) == []


def test_the_home_page_reads_through_selectors() -> None:
    for path in (SRC / "workspace").rglob("*.py"):
        assert "dangvu.org.models" not in imports(path), path
