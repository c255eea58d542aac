"""Catalog texts as browser-side expressions that follow the chosen language.

``t("home.join_button")`` renders as ``({"fi": "Liity", "sv": …, "en": …})[lang]``:
all three texts travel with the page, so a language switch repaints at once
without a server round-trip per string.
"""

from __future__ import annotations

from collections.abc import Iterable

import reflex as rx

from workshop.i18n import DEFAULT_LANGUAGE, translations
from workshop.state.language import LanguageState


def t(key: str, **params: object) -> rx.Var[str]:
    """The text of ``key`` in the current language; ``{name}`` placeholders filled from params."""
    texts = translations(key)
    if params:
        texts = {language: text.format(**params) for language, text in texts.items()}
    return rx.Var.create(texts)[LanguageState.lang].to(str)


def t_choice(key_var: rx.Var[str], keys: Iterable[str]) -> rx.Var[str] | rx.Component:
    """The text of a key chosen on the server (``key_var``) from a known set.

    Server-side messages are kept as catalog keys in the state, so that the
    message follows a language switch; an empty or unknown key renders "".
    """
    return rx.match(key_var, *[(key, t(key)) for key in keys], "")


__all__ = ["DEFAULT_LANGUAGE", "t", "t_choice"]
