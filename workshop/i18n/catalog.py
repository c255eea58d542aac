"""The message catalog: every visible string, in Finnish, Swedish and English.

Catalogs are TOML files beside this module (``fi.toml``, ``sv.toml``,
``en.toml``, and the same names in a folder per concern); a table ``[home]`` with ``title = "…"`` gives the key
``home.title``. Finnish is the default language. Pure Python: the UI turns
keys into browser-side expressions (see ``workshop.ui.components.text``), the
server uses :func:`translate` for exports and messages.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

LANGUAGES: tuple[str, ...] = ("fi", "sv", "en")
DEFAULT_LANGUAGE = "fi"

# Each language's own name for itself: the language switch shows these.
LANGUAGE_NAMES: dict[str, str] = {"fi": "Suomi", "sv": "Svenska", "en": "English"}

_HERE = Path(__file__).parent


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for name, value in table.items():
        key = f"{prefix}{name}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{key}."))
        else:
            flat[key] = value
    return flat


@cache
def catalog(language: str) -> dict[str, str]:
    """Every key of one language, flattened to ``section.name`` keys.

    ``fi.toml`` holds the app's texts; a folder beside it may hold more for one
    concern (``soila/fi.toml``: the reform's vocabulary; ``export/fi.toml``:
    the downloads). A key defined twice is an error."""
    if language not in LANGUAGES:
        raise KeyError(f"unknown language {language!r}")
    merged: dict[str, str] = {}
    for path in [_HERE / f"{language}.toml", *sorted(_HERE.glob(f"*/{language}.toml"))]:
        with path.open("rb") as file:
            flat = _flatten(tomllib.load(file))
        if twice := set(flat) & set(merged):
            raise KeyError(f"{path}: keys defined twice: {sorted(twice)}")
        merged.update(flat)
    return merged


def normalize_language(value: object) -> str | None:
    """The language code for a user-supplied value, or None when unknown."""
    if not isinstance(value, str):
        return None
    code = value.strip().lower()[:2]
    return code if code in LANGUAGES else None


def translate(key: str, language: str = DEFAULT_LANGUAGE, **params: object) -> str:
    """One message in one language; ``{name}`` placeholders are filled from params.

    A key missing from the catalog raises KeyError: the catalog test keeps all
    three languages complete, so a miss is a programming error.
    """
    text = catalog(normalize_language(language) or DEFAULT_LANGUAGE)[key]
    return text.format(**params) if params else text


def translations(key: str) -> dict[str, str]:
    """One key in every language, for the browser-side language switch."""
    return {language: catalog(language)[key] for language in LANGUAGES}
