"""The dataset registry: what each dataset is, where it comes from, how to load it.

The registry is ``datasets/registry.json``, shipped by pip as package data of
``course_datasets``; in a source checkout that is not installed it is read from
the repository's ``datasets/`` folder. ``datasets/`` has no ``__init__.py`` (so it
never shadows the Hugging Face ``datasets`` package): ``course_datasets`` is a
namespace package.
"""
from __future__ import annotations

import importlib.util
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

__all__ = ["DatasetError", "registry", "dataset_info"]

_CHECKOUT_REGISTRY = Path(__file__).resolve().parents[2] / "datasets" / "registry.json"


class DatasetError(RuntimeError):
    """A dataset could not be found, downloaded or verified."""


def _registry_text() -> str:
    """The registry of ``course_datasets``, else the checkout's ``datasets/registry.json``.

    ``importlib.resources`` before Python 3.13 rejects a namespace package whose
    ``__path__`` holds an entry that is not a folder, and setuptools' editable
    installs add one (python/importlib_resources#311); then the folders on the
    package's ``__path__`` are searched directly.
    """
    try:
        return resources.files("course_datasets").joinpath("registry.json").read_text()
    except Exception:  # not importable, or the resources bug above
        pass
    try:
        spec = importlib.util.find_spec("course_datasets")
    except (ImportError, ValueError):
        spec = None
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "registry.json"
        if path.is_file():
            return path.read_text()
    return _CHECKOUT_REGISTRY.read_text()


@lru_cache(maxsize=1)
def registry() -> dict:
    """All registered datasets, by name (see ``datasets/registry.json``)."""
    data = json.loads(_registry_text())
    return {k: v for k, v in data.items() if not k.startswith("_")}


def dataset_info(name: str) -> dict:
    """Registry entry of one dataset, with a clear error for an unknown name."""
    reg = registry()
    if name not in reg:
        raise DatasetError(f"Unknown dataset {name!r}. Known datasets: {', '.join(sorted(reg))}.")
    return reg[name]
