"""``/``: join a workshop with its code, or create a new one."""

from __future__ import annotations

import reflex as rx

from workshop.domain.creation import DOTS_MAX, IDEA_LENGTH_RANGE, RATE_RANGE, min_group_range
from workshop.i18n import LANGUAGE_NAMES, LANGUAGES
from workshop.state.home import CREATE_ERRORS, JOIN_ERRORS, HomeState
from workshop.state.language import LanguageState
from workshop.ui.components.form_field import error_message, field, text_field
from workshop.ui.components.layout import page_frame
from workshop.ui.components.renew_link import copy_button, one_time_link
from workshop.ui.components.text import t, t_choice
from workshop.ui.components.where_when import where_when_fields
from workshop.ui.views.portfolio_create import create_portfolio_form, invitation_banner


def _join_form() -> rx.Component:
    return rx.el.section(
        rx.el.h2(t("home.join_heading"), id="join-heading"),
        rx.el.form(
            text_field(
                "join-code",
                "code",
                "home.join_code_label",
                "home.join_code_hint",
                required=True,
                auto_complete="off",
                auto_capitalize="characters",
                spell_check=False,
                max_length=12,
                aria_describedby="join-code-hint join-error",
                class_name="input input--code",
            ),
            error_message(t_choice(HomeState.join_error, JOIN_ERRORS), "join-error"),
            rx.el.button(t("home.join_button"), type="submit", class_name="button button--primary"),
            on_submit=HomeState.join,
            aria_labelledby="join-heading",
        ),
        class_name="card",
    )


def _created_panel() -> rx.Component:
    return rx.el.div(
        rx.el.p(
            t("home.created_message"),
            " ",
            rx.el.strong(HomeState.created_code, class_name="code"),
        ),
        rx.el.p(rx.el.a(t("openers.open_cockpit"), href="/facilitate/" + HomeState.created_code,
                        class_name="button button--primary button--inline"), class_name="created-next"),
        rx.el.p(t("home.created_link_hint"), id="created-link-hint"),
        rx.el.p(one_time_link(HomeState.created_facilitator_link, "created-facilitator-link")),
        copy_button(HomeState.created_facilitator_link, "created-link-hint"),
        role="status",
        class_name="notice",
    )


def _number(field_id: str, name: str, label_key: str, default: int,
            bounds: tuple[int, int] = (1, DOTS_MAX)) -> rx.Component:
    return text_field(
        field_id,
        name,
        label_key,
        type="number",
        input_mode="numeric",
        min=bounds[0],
        max=bounds[1],
        default_value=str(default),
        required=True,
        class_name="input input--narrow",
    )


def _deck_choice() -> rx.Component:
    return field(
        "create-deck",
        "home.deck_label",
        rx.el.select(
            rx.foreach(
                HomeState.deck_options,
                lambda deck: rx.el.option(
                    deck.titles.get(LanguageState.lang, deck.titles.values()[0]), value=deck.id
                ),
            ),
            rx.el.option(t("home.deck_none"), value=""),
            id="create-deck",
            name="deck_id",
            # The decks arrive after the first paint: re-mount the select then,
            # so that the first deck (not "no deck") starts selected.
            key=HomeState.deck_options.length().to_string(),
            default_value=rx.cond(HomeState.deck_options.length() > 0, HomeState.deck_options[0].id, ""),
            aria_describedby="create-deck-hint",
            class_name="input",
        ),
        hint_key="home.deck_hint",
    )


def _settings() -> rx.Component:
    """Voting and naming settings; the defaults suit most workshops."""
    return rx.el.fieldset(
        rx.el.legend(t("home.settings_heading"), class_name="field-label"),
        _number("create-dots", "dots_per_participant", "home.dots_label", 5),
        _number("create-max-dots", "max_dots_per_item", "home.max_dots_label", 3),
        _number("create-idea-length", "max_idea_length", "home.idea_length_label", 280, IDEA_LENGTH_RANGE),
        _number("create-rate", "ideas_per_minute", "home.rate_label", 10, RATE_RANGE),
        _number("create-min-group", "min_group_size", "smallgroups.min_group_label", min_group_range()[0],
                min_group_range()),
        field(
            "create-vote-target",
            "home.vote_target_label",
            rx.el.select(
                rx.el.option(t("home.vote_on_clusters"), value="cluster"),
                rx.el.option(t("home.vote_on_ideas"), value="idea"),
                id="create-vote-target",
                name="vote_target",
                default_value="cluster",
                class_name="input",
            ),
        ),
        rx.el.div(
            rx.el.input(type="checkbox", id="create-show-names", name="show_names"),
            rx.el.label(t("home.show_names_label"), html_for="create-show-names"),
            class_name="choice",
        ),
        class_name="settings",
    )


def _create_form() -> rx.Component:
    return rx.el.section(
        rx.el.h2(t("home.create_heading"), id="create-heading"),
        rx.el.p(t("home.create_intro")),
        rx.el.p(rx.el.a(t("cockpit.runsheet_link"), href="/runsheet", class_name="runsheet-link")),
        invitation_banner(),
        rx.el.form(
            text_field("create-title", "title", "home.title_label", required=True, max_length=200),
            field(
                "create-challenge",
                "home.challenge_label",
                rx.el.textarea(
                    id="create-challenge",
                    name="challenge",
                    max_length=500,
                    rows=2,
                    aria_describedby="create-challenge-hint",
                    class_name="input",
                ),
                hint_key="home.challenge_hint",
            ),
            field(
                "create-language",
                "home.language_label",
                rx.el.select(
                    *[
                        rx.el.option(LANGUAGE_NAMES[code], value=code, lang=code)
                        for code in LANGUAGES
                    ],
                    id="create-language",
                    name="language",
                    # The workshop's language starts as the UI language; the
                    # key re-mounts the select when the UI language changes.
                    default_value=LanguageState.lang,
                    key=LanguageState.lang,
                    class_name="input",
                ),
            ),
            where_when_fields("create", HomeState.held_min, HomeState.held_max),
            _deck_choice(),
            _settings(),
            rx.cond(
                HomeState.passphrase_required,
                text_field(
                    "create-passphrase",
                    "passphrase",
                    "home.passphrase_label",
                    "home.passphrase_hint",
                    type="password",
                    required=True,
                    auto_complete="off",
                ),
            ),
            error_message(t_choice(HomeState.create_error, CREATE_ERRORS), "create-error"),
            rx.el.button(
                t("home.create_button"), type="submit", class_name="button button--secondary"
            ),
            on_submit=HomeState.create,
            aria_labelledby="create-heading",
        ),
        rx.cond(HomeState.created_code != "", _created_panel()),
        class_name="card",
    )


def home_page() -> rx.Component:
    """The landing page: participants join, facilitators create."""
    return page_frame(
        rx.el.h1(t("app.tagline")),
        rx.el.p(t("home.intro"), class_name="lead"),
        _join_form(),
        _create_form(),
        create_portfolio_form(),
    )
