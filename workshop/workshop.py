"""The Reflex app: pages and their routes."""

from __future__ import annotations

import reflex as rx

from workshop.state.home import HomeState
from workshop.state.language import LanguageState
from workshop.i18n import translate
from workshop.ui.pages.home import home_page

app = rx.App(
    stylesheets=["/app.css"],
    html_lang="fi",
)

app.add_page(
    home_page,
    route="/",
    title=translate("home.page_title"),
    on_load=[LanguageState.apply_on_load, HomeState.load],
)
