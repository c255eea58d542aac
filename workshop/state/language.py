"""The chosen UI language: remembered in the browser, forced with ``?lang=``."""

from __future__ import annotations

import json

import reflex as rx

from workshop.i18n import DEFAULT_LANGUAGE, normalize_language, translate

# Route pattern -> catalog key of the page title (document.title follows the language).
PAGE_TITLES: dict[str, str] = {
    "/": "home.page_title",
    "/join/[code]": "join.page_title",
    "/w/[code]": "participant.page_title",
    "/facilitate/[code]": "facilitator.page_title",
    "/screen/[code]": "screen.page_title",
    "/results/[code]": "develop.results_page_title",
    "/portfolio/[code]": "portfolio_ui.page_title",
    "/privacy": "privacy.page_title",
    "/runsheet": "cockpit.runsheet_page_title",
}


class LanguageState(rx.State):
    """Per-browser language; every page's load applies it (see page_language)."""

    lang: str = rx.LocalStorage(DEFAULT_LANGUAGE, name="entajos_lang", sync=True)

    def _document_script(self) -> rx.event.EventSpec:
        language = normalize_language(self.lang) or DEFAULT_LANGUAGE
        route = self.router.route_id.removesuffix("index") or "/"
        title = translate(PAGE_TITLES.get(route, "app.name"), language)
        return rx.call_script(
            f"document.documentElement.lang = {json.dumps(language)};"
            f"document.title = {json.dumps(title)};"
        )

    @rx.event
    def set_language(self, lang: str):
        """Switch the language; an unknown code changes nothing."""
        language = normalize_language(lang)
        if language is None:
            return None
        self.lang = language
        return self._document_script()

    def _apply_on_load(self) -> rx.event.EventSpec:
        """Take ``?lang=`` when given, otherwise the remembered language."""
        forced = normalize_language(self.router.url.query_parameters.get("lang"))
        language = forced or normalize_language(self.lang) or DEFAULT_LANGUAGE
        if language != self.lang:
            self.lang = language
        return self._document_script()


async def page_language(state: rx.State) -> rx.event.EventSpec:
    """Apply the page's language from a page's own on_load handler.

    Called inside each page's load rather than as an on_load event of its
    own: one event fewer per page load is a few milliseconds less for each
    of hundreds of phones joining at once.
    """
    return (await state.get_state(LanguageState))._apply_on_load()


class PageLoad(rx.State, mixin=True):
    """A page state's one on_load handler: the language first, then the page's own work."""

    @rx.event
    async def load(self):
        language = await page_language(self)
        then = await self._load_page()
        if then is None:
            return language
        return [language, *then] if isinstance(then, list) else [language, then]

    async def _load_page(self):  # noqa: D102 - each page overrides it
        return None
