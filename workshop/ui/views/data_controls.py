"""The facilitator's data controls: remove a participant, delete the workshop (downloads
offered first, typed confirmation), forget the facilitator key in this browser (asked first)."""

from __future__ import annotations

import reflex as rx

from workshop.domain.vocabulary import Role

from workshop.state.facilitator import FacilitatorState
from workshop.state.lifecycle import LIFECYCLE_ERRORS, ParticipantRow
from workshop.state.room_view import RoomView
from workshop.ui.components.confirm import confirm_step
from workshop.ui.components.form_field import text_field
from workshop.ui.components.notice import notice
from workshop.ui.components.text import t
from workshop.ui.views.develop import download_buttons


def _participant_option(row: ParticipantRow) -> rx.Component:
    """One line of text per participant: number, role, nickname, how many answers, the first few."""
    role = rx.match(row.role, *[(role.value, t(f"role.{role.value}")) for role in Role], row.role).to(str)
    label = (
        t("privacy.participant_label") + " " + row.id.to_string() + " · " + role
        + rx.cond(row.nickname != "", " · " + row.nickname, "").to(str)
        + " · " + row.ideas.to_string() + " " + t("privacy.participant_ideas")
        + rx.cond(row.sample.length() > 0, " · " + row.sample.join(" / "), "").to(str)
    )
    return rx.el.option(label, value=row.id.to_string())


def _removal_choice(value: str, label_key: str) -> rx.Component:
    control_id = f"removal-{value}"
    return rx.el.div(
        rx.el.input(type="radio", id=control_id, name="ideas", value=value, required=True),
        rx.el.label(t(label_key), html_for=control_id),
        class_name="choice",
    )


def _remove_participant() -> rx.Component:
    return rx.el.div(
        rx.el.h3(t("privacy.participants_heading"), id="remove-participant-heading"),
        rx.el.button(t("privacy.participants_load"), type="button",
                     on_click=FacilitatorState.load_participants, class_name="button button--secondary"),
        rx.cond(
            FacilitatorState.participant_rows.length() > 0,
            rx.el.form(
                rx.el.label(t("privacy.participant_label"), html_for="remove-participant",
                            class_name="field-label"),
                rx.el.select(rx.foreach(FacilitatorState.participant_rows, _participant_option),
                             id="remove-participant", name="participant_id", class_name="input"),
                rx.el.fieldset(
                    rx.el.legend(t("privacy.removal_legend"), class_name="field-label"),
                    _removal_choice("delete", "privacy.removal_delete"),
                    _removal_choice("keep", "privacy.removal_keep"),
                    class_name="choices",
                ),
                rx.el.p(t("privacy.removal_results"), id="removal-results", class_name="field-hint"),
                rx.el.button(t("privacy.remove_button"), type="submit", class_name="button button--secondary",
                             aria_describedby="removal-results"),
                on_submit=FacilitatorState.remove_participant,
                reset_on_submit=True,
                aria_labelledby="remove-participant-heading",
            ),
        ),
    )


def _delete_workshop() -> rx.Component:
    return rx.el.details(
        rx.el.summary(t("privacy.delete_heading")),
        rx.el.p(t("privacy.delete_intro")),
        download_buttons(FacilitatorState.download),
        rx.el.form(
            text_field("delete-confirm", "confirm", "privacy.confirm_label",
                       auto_complete="off", placeholder=RoomView.room.code),
            rx.el.button(t("privacy.delete_button"), type="submit", class_name="button button--danger"),
            on_submit=FacilitatorState.delete_workshop,
            reset_on_submit=True,
        ),
        class_name="danger-zone",
    )


def _forget_key() -> rx.Component:
    return rx.el.div(
        rx.el.h3(t("privacy.forget_key_heading")),
        rx.el.p(t("privacy.forget_key_hint"), class_name="field-hint"),
        confirm_step(t("privacy.forget_key_button"), t("privacy.forget_key_question"), t("privacy.forget_key_yes"),
                     FacilitatorState.forget_my_key),
    )


def data_controls() -> rx.Component:
    """The facilitator's "data and privacy" card."""
    return rx.el.section(
        rx.el.h2(t("privacy.controls_heading"), id="data-controls-heading"),
        notice(FacilitatorState.data_notice, LIFECYCLE_ERRORS, element_id="data-notice"),
        _remove_participant(),
        _delete_workshop(),
        _forget_key(),
        aria_labelledby="data-controls-heading",
        class_name="card",
        data_testid="data-controls",
    )
