"""The facilitator edits this workshop's prompts: order, text, hide, which one is on screen, add."""

from __future__ import annotations

import reflex as rx

from workshop.domain.decks import PROMPT_MAX
from workshop.state.facilitator import FacilitatorState
from workshop.state.room_view import PromptView, RoomView
from workshop.ui.components.text import t


def _prompt(prompt: PromptView) -> rx.Component:
    field_id = f"prompt-{prompt.id}"
    return rx.el.li(
        rx.el.form(
            rx.el.label(t("moderation.prompt_text"), html_for=field_id, class_name="sr-only"),
            rx.el.textarea(default_value=prompt.text, id=field_id, name="text", rows=2,
                           max_length=PROMPT_MAX, class_name="input",
                           key=prompt.text),
            rx.el.input(type="hidden", name="prompt_id", value=prompt.id.to_string()),
            rx.el.div(
                rx.el.button(t("moderation.prompt_save"), type="submit", class_name="small-button"),
                rx.el.button(t("moderation.up"), type="button", aria_describedby=field_id,
                             on_click=FacilitatorState.move_prompt(prompt.id, -1), class_name="small-button"),
                rx.el.button(t("moderation.down"), type="button", aria_describedby=field_id,
                             on_click=FacilitatorState.move_prompt(prompt.id, 1), class_name="small-button"),
                rx.el.button(rx.cond(prompt.hidden, t("moderation.prompt_unhide"), t("moderation.prompt_hide")),
                             type="button", aria_describedby=field_id,
                             on_click=FacilitatorState.hide_prompt(prompt.id, ~prompt.hidden),
                             class_name="small-button"),
                rx.cond(
                    RoomView.room.one_prompt_at_a_time & ~prompt.hidden,
                    rx.el.button(t("moderation.show_now"), type="button", aria_describedby=field_id,
                                 aria_pressed=rx.cond(prompt.current, "true", "false"),
                                 on_click=FacilitatorState.show_prompt(prompt.id), class_name="small-button"),
                ),
                class_name="button-row",
            ),
            on_submit=FacilitatorState.edit_prompt,
        ),
        rx.cond(prompt.hidden, rx.el.span(t("writing.hidden_tag"), class_name="tag")),
        rx.cond(prompt.current, rx.el.span(t("moderation.on_screen"), class_name="tag")),
        class_name=rx.cond(prompt.hidden, "prompt-item prompt-item--hidden", "prompt-item"),
        data_kind=prompt.kind,
    )


def _add_form() -> rx.Component:
    return rx.el.form(
        rx.el.h3(t("moderation.add_heading"), id="add-prompt-heading"),
        rx.el.label(t("moderation.kind_label"), html_for="new-prompt-kind", class_name="field-label"),
        rx.el.select(
            rx.el.option(t("moderation.kind_what_if"), value="what_if"),
            rx.el.option(t("moderation.kind_critique"), value="critique"),
            id="new-prompt-kind", name="kind", class_name="input",
        ),
        rx.el.label(t("moderation.prompt_text"), html_for="new-prompt-text", class_name="field-label"),
        rx.el.textarea(id="new-prompt-text", name="text", rows=2, required=True, max_length=PROMPT_MAX,
                       class_name="input"),
        rx.el.button(t("moderation.add"), type="submit", class_name="button button--secondary"),
        key=RoomView.all_prompts.length().to_string(),
        on_submit=FacilitatorState.add_prompt,
        aria_labelledby="add-prompt-heading",
    )


def prompt_editor() -> rx.Component:
    return rx.el.section(
        rx.el.h2(t("moderation.prompts_heading"), id="prompt-editor-heading"),
        rx.el.div(
            rx.el.input(
                type="checkbox",
                id="one-at-a-time",
                checked=RoomView.room.one_prompt_at_a_time,
                on_change=FacilitatorState.set_one_prompt_at_a_time,
            ),
            rx.el.label(t("moderation.one_at_a_time"), html_for="one-at-a-time"),
            class_name="choice",
        ),
        rx.el.details(
            rx.el.summary(t("moderation.edit_prompts"), " (", RoomView.all_prompts.length().to_string(), ")",
                          class_name="prompts-summary"),
            rx.el.ol(rx.foreach(RoomView.all_prompts, _prompt), class_name="prompt-list"),
            _add_form(),
        ),
        aria_labelledby="prompt-editor-heading",
        class_name="card",
    )
