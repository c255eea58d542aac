"""The facilitator's view of every answer as a compact list: one row per answer with its kind
and prompt, hide / show again per row, filters by kind and by prompt; reveal to phones.

The filters are this screen's own (``FacilitatorState.filter_kind`` / ``filter_prompt``,
validated by their handlers) and filter in the browser: answers keep arriving by the hub.
"""

from __future__ import annotations

import reflex as rx

from workshop.domain.vocabulary import IdeaKind
from workshop.state.facilitator import FacilitatorState
from workshop.state.room_view import IdeaGroup, IdeaView, RoomView
from workshop.ui.components.text import t
from workshop.ui.views.wall import idea_text

KINDS = tuple(kind.value for kind in IdeaKind)


def _kind_word(kind: rx.Var[str]) -> rx.Component | rx.Var:
    return rx.match(kind, *[(k, t(f"cockpit.kind_{k}")) for k in KINDS], "")


def _prompt_label(group: IdeaGroup) -> rx.Component | rx.Var:
    """The prompt's text; answers to no prompt are named by kind (never two lists of the same name)."""
    return rx.cond(
        group.prompt != "",
        group.prompt,
        rx.match(group.kind, *[(k, t(f"cockpit.no_prompt_{k}")) for k in KINDS], ""),
    )


def _group_key(group: IdeaGroup) -> rx.Var[str]:
    return group.kind + ":" + group.prompt_id.to_string()


def _row(idea: IdeaView, group: IdeaGroup) -> rx.Component:
    element_id = f"mod-idea-{idea.id}"
    return rx.el.li(
        rx.el.span(_kind_word(group.kind), class_name="tag mod-kind", data_kind=group.kind),
        rx.el.div(
            idea_text(idea.text, element_id),
            rx.el.p(
                _prompt_label(group),
                rx.cond(idea.author != "", rx.el.span(" · — ", rx.el.span(idea.author, class_name="user-text"))),
                class_name="mod-prompt",
            ),
            class_name="mod-body",
        ),
        rx.cond(idea.hidden, rx.el.span(t("cockpit.hidden"), class_name="tag mod-hidden-tag")),
        rx.el.button(
            rx.cond(idea.hidden, t("moderation.unhide"), t("moderation.hide")),
            type="button",
            aria_describedby=element_id,
            on_click=FacilitatorState.hide_idea(idea.id, ~idea.hidden),
            class_name="small-button mod-action",
        ),
        class_name=rx.cond(idea.hidden, "mod-row mod-row--hidden", "mod-row"),
        data_kind=group.kind,
    )


def _group_rows(group: IdeaGroup) -> rx.Component:
    kind, prompt = FacilitatorState.filter_kind, FacilitatorState.filter_prompt
    shown = ((kind == "") | (kind == group.kind)) & ((prompt == "") | (prompt == _group_key(group)))
    return rx.cond(shown, rx.foreach(group.ideas, lambda idea: _row(idea, group)))


def _filters() -> rx.Component:
    return rx.el.div(
        rx.el.div(
            rx.el.label(t("cockpit.filter_kind"), html_for="filter-kind", class_name="field-label"),
            rx.el.select(
                rx.el.option(t("cockpit.filter_all"), value=""),
                *[rx.el.option(t(f"cockpit.kind_{k}"), value=k) for k in KINDS],
                id="filter-kind",
                value=FacilitatorState.filter_kind,
                on_change=FacilitatorState.set_filter_kind,
                class_name="input",
            ),
            class_name="mod-filter",
        ),
        rx.el.div(
            rx.el.label(t("cockpit.filter_prompt"), html_for="filter-prompt", class_name="field-label"),
            rx.el.select(
                rx.el.option(t("cockpit.filter_all"), value=""),
                rx.foreach(RoomView.ideas, lambda g: rx.el.option(
                    _kind_word(g.kind), ": ", _prompt_label(g), value=_group_key(g))),
                id="filter-prompt",
                value=FacilitatorState.filter_prompt,
                on_change=FacilitatorState.set_filter_prompt,
                class_name="input",
            ),
            class_name="mod-filter mod-filter--wide",
        ),
        class_name="mod-filters",
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
        class_name="mod-reveal",
    )


def moderation_panel() -> rx.Component:
    return rx.el.section(
        rx.el.h2(t("cockpit.answers_heading"), id="ideas-heading"),
        rx.el.div(_reveal("critique"), _reveal("what_if"), class_name="mod-reveals"),
        rx.cond(
            RoomView.ideas.length() > 0,
            rx.fragment(
                _filters(),
                # The phase's own answers first (in the what-if phase, not the critique
                # notes of the phase before), then the rest.
                rx.el.ul(
                    rx.foreach(RoomView.ideas, lambda g: rx.cond(g.kind == RoomView.room.phase, _group_rows(g))),
                    rx.foreach(RoomView.ideas, lambda g: rx.cond(g.kind != RoomView.room.phase, _group_rows(g))),
                    class_name="mod-list", aria_live="polite",
                ),
            ),
            rx.el.p(t("writing.none_yet"), class_name="field-hint"),
        ),
        aria_labelledby="ideas-heading",
        class_name="card moderation",
    )
