"""Per-app registries: each Fagløft app may contribute a module of a known name (`api`, `navigation`,
`attention`, `demo`), and the layer above collects them without naming the apps.

Django's `autodiscover_modules` imports `<app>.<name>` for every installed app that has it and lets
any other import error through, so a broken module fails loudly instead of going missing.
"""

from __future__ import annotations

import sys
from types import ModuleType

from django.apps import apps
from django.utils.module_loading import autodiscover_modules


def app_modules(name: str) -> dict[str, ModuleType]:
    """{app label: module `<app>.<name>`} for the Fagløft apps that have one, in INSTALLED_APPS order."""
    autodiscover_modules(name)
    found = {}
    for config in apps.get_app_configs():
        if config.name.startswith("fagloft."):
            module = sys.modules.get(f"{config.name}.{name}")
            if module is not None:
                found[config.label] = module
    return found
