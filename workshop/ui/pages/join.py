"""``/join/[code]``: choose a role and an optional nickname, then go in."""

from __future__ import annotations

import reflex as rx

from workshop.domain.participation import NICKNAME_MAX
from workshop.domain.vocabulary import Role
from workshop.state.participant import JOIN_ERRORS, JoinState
from workshop.ui.components.form_field import text_field
from workshop.ui.components.layout import page_frame
from workshop.ui.components.notice import notice
from workshop.ui.components.text import t
from workshop.ui.pages.privacy import retention_note


def _role_choice(role: Role) -> rx.Component:
    control_id = f"role-{role.value}"
    return rx.el.div(
        rx.el.input(type="radio", id=control_id, name="role", value=role.value, required=True),
        rx.el.label(t(f"role.{role.value}"), html_for=control_id),
        class_name="choice",
    )


def _form() -> rx.Component:
    return rx.el.form(
        rx.el.fieldset(
            rx.el.legend(t("join.role_legend"), class_name="field-label"),
            rx.el.p(t("join.role_hint"), id="role-hint", class_name="field-hint"),
            *[_role_choice(role) for role in Role],
            aria_describedby="role-hint",
            class_name="choices",
        ),
        text_field(
            "nickname",
            "nickname",
            "join.nickname_label",
            "join.nickname_hint",
            max_length=NICKNAME_MAX,
            auto_complete="off",
        ),
        rx.el.button(t("join.button"), type="submit", class_name="button button--primary"),
        retention_note(),
        on_submit=JoinState.join,
        aria_labelledby="join-heading",
    )


def join_page() -> rx.Component:
    return page_frame(
        rx.el.h1(t("join.heading"), id="join-heading"),
        rx.cond(
            JoinState.title != "",
            rx.el.div(
                rx.el.p(rx.el.strong(JoinState.title)),
                rx.cond(JoinState.challenge != "", rx.el.p(JoinState.challenge, class_name="lead")),
                class_name="card",
            ),
        ),
        notice(JoinState.notice, JOIN_ERRORS),
        rx.cond(
            JoinState.open_for_joining,
            _form(),
            rx.el.p(rx.el.a(t("join.back_home"), href="/")),
        ),
        # Before joining there is nothing of this workshop to forget (a browser that joined
        # goes on to its page), so the foot does not offer it.
        forget=False,
    )
