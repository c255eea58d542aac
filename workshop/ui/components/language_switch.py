"""Three buttons, each language named in itself; the pressed one is the current."""

from __future__ import annotations

import reflex as rx

from workshop.i18n import LANGUAGE_NAMES, LANGUAGES
from workshop.state.language import LanguageState
from workshop.ui.components.text import t


def _language_button(code: str) -> rx.Component:
    return rx.el.button(
        LANGUAGE_NAMES[code],
        type="button",
        lang=code,
        class_name="language-button",
        aria_pressed=rx.cond(LanguageState.lang == code, "true", "false"),
        on_click=LanguageState.set_language(code),
        data_testid=f"language-{code}",
    )


def language_switch() -> rx.Component:
    """The language switch shown on every page."""
    return rx.el.div(
        *[_language_button(code) for code in LANGUAGES],
        role="group",
        aria_label=t("language.switch_label"),
        class_name="language-switch",
    )
