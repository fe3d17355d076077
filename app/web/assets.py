"""Where static/ and templates/ are: beside the package in a checkout, inside it installed."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def asset_dir(name: str) -> Path:
    """``static`` or ``templates``: app/<name> once installed, else <repo>/<name>."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"cannot find the {name}/ folder beside {_PACKAGE}")


STATIC_DIR = asset_dir("static")
TEMPLATES_DIR = asset_dir("templates")
