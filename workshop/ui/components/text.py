"""Catalog texts as browser-side expressions that follow the chosen language.

``t("home.join_button")`` renders as ``({"fi": "Liity", "sv": …, "en": …})[lang]``:
all three texts travel with the page, so a language switch repaints at once
without a server round-trip per string.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import reflex as rx

from workshop.i18n import DEFAULT_LANGUAGE, translations
from workshop.state.language import LanguageState
from workshop.state.room_view import RoomView

# Set while a page that follows the workshop's language (the projector) is built.
_WORKSHOP_LANGUAGE: ContextVar[bool] = ContextVar("workshop_language", default=False)


@contextmanager
def in_workshop_language() -> Iterator[None]:
    """Texts built inside follow the workshop's language, not this browser's choice."""
    token = _WORKSHOP_LANGUAGE.set(True)
    try:
        yield
    finally:
        _WORKSHOP_LANGUAGE.reset(token)


def language() -> rx.Var[str]:
    """The language texts follow here: the browser's choice, or the workshop's on the projector."""
    return RoomView.room.language if _WORKSHOP_LANGUAGE.get() else LanguageState.lang


def t(key: str, **params: object) -> rx.Var[str]:
    """The text of ``key`` in the current language; ``{name}`` placeholders filled from params."""
    texts = translations(key)
    if params:
        texts = {language: text.format(**params) for language, text in texts.items()}
    return rx.Var.create(texts)[language()].to(str)


def t_choice(key_var: rx.Var[str], keys: Iterable[str]) -> rx.Var[str] | rx.Component:
    """The text of a key chosen on the server (``key_var``) from a known set.

    Server-side messages are kept as catalog keys in the state, so that the
    message follows a language switch; an empty or unknown key renders "".
    """
    return rx.match(key_var, *[(key, t(key)) for key in keys], "")


__all__ = ["DEFAULT_LANGUAGE", "in_workshop_language", "language", "t", "t_choice"]
