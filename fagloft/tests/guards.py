"""Checks over the code itself, shared by the guard tests (no pytest here, so apps may reuse them)."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path
from types import ModuleType

from django.apps import apps

from fagloft.accounts.use_cases import declared

PACKAGE_ROOT = Path(__file__).resolve().parent.parent


def fagloft_apps() -> list[str]:
    return sorted(c.name for c in apps.get_app_configs() if c.name.startswith("fagloft."))


def service_modules(app: str) -> list[ModuleType]:
    """`<app>.services` and, when it is a package, every module in it."""
    try:
        root = importlib.import_module(f"{app}.services")
    except ModuleNotFoundError as error:
        if error.name == f"{app}.services":
            return []
        raise
    modules = [root]
    if hasattr(root, "__path__"):
        for info in pkgutil.iter_modules(root.__path__):
            modules.append(importlib.import_module(f"{root.__name__}.{info.name}"))
    return modules


def undeclared_functions(module: ModuleType) -> list[str]:
    """Public functions defined in `module` that are neither a use case, a system job nor marked as
    writing nothing."""
    found = []
    for name, value in vars(module).items():
        if name.startswith("_") or not inspect.isfunction(value) or value.__module__ != module.__name__:
            continue
        if not declared(value):
            found.append(f"{module.__name__}.{name}")
    return found


def string_verbs(path: Path) -> list[str]:
    """Calls of the audit `record(...)` with a string literal as the verb instead of `Verb`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        if name != "record" or len(node.args) < 2:
            continue
        verb = node.args[1]
        if isinstance(verb, ast.Constant) and isinstance(verb.value, str):
            found.append(f"{path.relative_to(PACKAGE_ROOT.parent)}:{node.lineno}")
    return found


def runtime_files(app: str) -> list[Path]:
    base = PACKAGE_ROOT / app.split(".", 1)[1]
    return [p for p in base.rglob("*.py") if "tests" not in p.parts and "migrations" not in p.parts]
