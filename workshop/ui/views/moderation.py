"""The facilitator's view of every answer: hide and bring back, reveal to phones."""

from __future__ import annotations

import reflex as rx

from workshop.state.facilitator import FacilitatorState
from workshop.state.room_view import IdeaGroup, IdeaView, RoomView
from workshop.ui.components.text import t
from workshop.ui.views.wall import idea_text


def _idea(idea: IdeaView) -> rx.Component:
    element_id = f"mod-idea-{idea.id}"
    return rx.el.li(
        idea_text(idea.text, element_id),
        rx.cond(idea.author != "", rx.el.p("— ", idea.author, class_name="field-hint")),
        rx.cond(idea.hidden, rx.el.span(t("writing.hidden_tag"), class_name="tag")),
        rx.el.button(
            rx.cond(idea.hidden, t("moderation.unhide"), t("moderation.hide")),
            type="button",
            aria_describedby=element_id,
            on_click=FacilitatorState.hide_idea(idea.id, ~idea.hidden),
            class_name="small-button",
        ),
        class_name=rx.cond(idea.hidden, "idea-card idea-card--hidden", "idea-card"),
    )


def _group(group: IdeaGroup) -> rx.Component:
    return rx.el.div(
        rx.el.h3(rx.cond(group.prompt != "", group.prompt, t("writing.no_prompt")), class_name="group-title"),
        rx.el.ul(rx.foreach(group.ideas, _idea), class_name="idea-list"),
    )


def _reveal(kind: str) -> rx.Component:
    revealed = RoomView.room.ideas_visible[kind]
    hide_until = RoomView.room.hide_critique if kind == "critique" else RoomView.room.hide_what_if
    return rx.el.div(
        rx.el.div(
            rx.el.input(
                type="checkbox",
                id=f"hide-{kind}",
                checked=hide_until,
                on_change=lambda checked: FacilitatorState.hide_until_reveal(kind, checked),
            ),
            rx.el.label(t(f"moderation.hide_{kind}"), html_for=f"hide-{kind}"),
            class_name="choice",
        ),
        rx.cond(
            hide_until,
            rx.el.button(
                t(f"moderation.reveal_{kind}"),
                type="button",
                aria_pressed=rx.cond(revealed, "true", "false"),
                on_click=FacilitatorState.reveal(kind, ~revealed),
                class_name="toggle",
            ),
        ),
    )


def moderation_panel() -> rx.Component:
    return rx.el.section(
        rx.el.h2(t("moderation.ideas_heading"), id="ideas-heading"),
        _reveal("critique"),
        _reveal("what_if"),
        rx.cond(
            RoomView.ideas.length() > 0,
            rx.el.div(rx.foreach(RoomView.ideas, _group), aria_live="polite"),
            rx.el.p(t("writing.none_yet"), class_name="field-hint"),
        ),
        aria_labelledby="ideas-heading",
        class_name="card",
    )
