"""`accounts` is the lowest app: every feature builds on it, so it imports none of
them (nor the home pages above them), not even inside a function."""

import ast
from pathlib import Path

import pytest

import accounts

ABOVE_ACCOUNTS = {
    "agreements",
    "checkins",
    "pacing",
    "triggers",
    "together",
    "repair",
    "therapists",
    "home",
}
ACCOUNTS_DIR = Path(accounts.__file__).parent


def imported_apps(source: str) -> set[str]:
    """The top-level packages a module imports, wherever the import statement is
    (module level, a function, a TYPE_CHECKING block) or through import_module."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", None))
            in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.add(node.args[0].value.split(".")[0])
    return found


def accounts_modules() -> list[Path]:
    return sorted(ACCOUNTS_DIR.rglob("*.py"))


def test_every_accounts_module_is_checked():
    names = {path.relative_to(ACCOUNTS_DIR).as_posix() for path in accounts_modules()}

    assert {"models.py", "access.py", "views.py", "personal_data.py"} <= names


@pytest.mark.parametrize("path", accounts_modules(), ids=lambda path: path.name)
def test_accounts_imports_no_app_built_on_it(path):
    assert imported_apps(path.read_text()) & ABOVE_ACCOUNTS == set()


@pytest.mark.parametrize(
    "source",
    [
        "import checkins.models",
        "from together import services",
        "from therapists.models import TherapistLink as Link",
        "def f():\n    from pacing.models import gate_for\n    return gate_for",
        "from importlib import import_module\nmodels = import_module('triggers.models')",
        "class A:\n    def m(self):\n        import agreements\n",
    ],
)
def test_the_check_sees_every_way_of_importing(source):
    assert imported_apps(source) & ABOVE_ACCOUNTS
