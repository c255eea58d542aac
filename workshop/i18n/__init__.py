"""Finnish, Swedish and English texts of the app."""

from workshop.i18n.catalog import (
    DEFAULT_LANGUAGE,
    LANGUAGE_NAMES,
    LANGUAGES,
    catalog,
    normalize_language,
    translate,
    translations,
)

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGE_NAMES",
    "LANGUAGES",
    "catalog",
    "normalize_language",
    "translate",
    "translations",
]
