"""Critique and what-if phases on a phone: the prompts, the writing form, my answers, others' answers."""

from __future__ import annotations

import reflex as rx

from workshop.state.participant import PARTICIPANT_ERRORS, ParticipantState
from workshop.state.room_view import IdeaGroup, IdeaView, PromptView, RoomView
from workshop.ui.components.notice import notice
from workshop.ui.components.text import t
from workshop.ui.views.wall import idea_text, shown_prompts


def _kind() -> rx.Var[str]:
    return RoomView.room.phase.to(str)


def _prompt_option(prompt: PromptView) -> rx.Component:
    return rx.cond(prompt.kind == _kind(), rx.el.option(prompt.text, value=prompt.id.to_string()))


def _write_form() -> rx.Component:
    kind = _kind()
    return rx.el.form(
        rx.el.label(
            rx.cond(kind == "critique", t("writing.write_critique"), t("writing.write_what_if")),
            html_for="idea-text",
            class_name="field-label",
        ),
        rx.el.p(
            t("writing.length_before"), " ", RoomView.room.max_idea_length.to_string(), " ",
            t("writing.length_after"),
            id="idea-text-hint",
            class_name="field-hint",
        ),
        rx.el.textarea(
            id="idea-text",
            name="text",
            rows=3,
            required=True,
            max_length=RoomView.room.max_idea_length,
            aria_describedby="idea-text-hint participant-notice",
            class_name="input",
        ),
        rx.cond(
            ~RoomView.room.one_prompt_at_a_time,
            rx.el.div(
                rx.el.label(t("writing.answer_to"), html_for="idea-prompt", class_name="field-label"),
                rx.el.select(
                    rx.el.option(t("writing.any_prompt"), value=""),
                    rx.foreach(RoomView.prompts, _prompt_option),
                    id="idea-prompt",
                    name="prompt_id",
                    class_name="input",
                ),
                class_name="field",
            ),
            # One prompt at a time: answers go to the prompt on screen.
            rx.foreach(
                RoomView.prompts,
                lambda p: rx.cond(p.current, rx.el.input(type="hidden", name="prompt_id", value=p.id.to_string())),
            ),
        ),
        notice(ParticipantState.notice, PARTICIPANT_ERRORS, "participant-notice"),
        rx.el.button(t("writing.send"), type="submit", class_name="button button--primary"),
        # A new key after each successful send empties the form.
        key=ParticipantState.sent.to_string(),
        on_submit=ParticipantState.add_idea,
        class_name="card write-form",
    )


def _my_idea(idea: IdeaView) -> rx.Component:
    editing = ParticipantState.editing_id == idea.id
    return rx.cond(
        idea.kind == _kind(),
        rx.el.li(
            rx.cond(
                editing,
                rx.el.form(
                    rx.el.label(t("writing.edit_label"), html_for=f"edit-{idea.id}", class_name="field-label"),
                    rx.el.textarea(
                        default_value=idea.text, id=f"edit-{idea.id}", name="text", rows=3,
                        max_length=RoomView.room.max_idea_length, class_name="input",
                    ),
                    rx.el.input(type="hidden", name="idea_id", value=idea.id.to_string()),
                    rx.el.div(
                        rx.el.button(t("writing.save"), type="submit", class_name="button button--secondary"),
                        rx.el.button(t("writing.cancel"), type="button", on_click=ParticipantState.stop_editing,
                                     class_name="button button--secondary"),
                        class_name="button-row",
                    ),
                    on_submit=ParticipantState.edit_idea,
                ),
                rx.fragment(
                    idea_text(idea.text, f"my-idea-{idea.id}"),
                    rx.cond(
                        RoomView.hidden_ids.contains(idea.id),
                        rx.el.span(t("writing.hidden_tag"), class_name="tag"),
                    ),
                    rx.el.div(
                        rx.el.button(t("writing.edit"), type="button", aria_describedby=f"my-idea-{idea.id}",
                                     on_click=ParticipantState.start_editing(idea.id), class_name="small-button"),
                        rx.el.button(t("writing.delete"), type="button", aria_describedby=f"my-idea-{idea.id}",
                                     on_click=ParticipantState.delete_idea(idea.id), class_name="small-button"),
                        class_name="button-row",
                    ),
                ),
            ),
            class_name="idea-card idea-card--mine",
        ),
    )


def _others() -> rx.Component:
    kind = _kind()
    return rx.el.section(
        rx.el.h2(t("writing.others_heading"), id="others-heading"),
        rx.cond(
            RoomView.room.ideas_visible[kind],
            rx.foreach(
                RoomView.wall,
                lambda group: rx.cond(group.kind == kind, _group(group)),
            ),
            rx.el.p(t("writing.others_hidden"), class_name="field-hint"),
        ),
        aria_labelledby="others-heading",
    )


def _group(group: IdeaGroup) -> rx.Component:
    return rx.el.div(
        rx.el.h3(rx.cond(group.prompt != "", group.prompt, t("writing.no_prompt")), class_name="group-title"),
        rx.el.ul(
            rx.foreach(
                group.ideas,
                lambda idea: rx.cond(
                    ParticipantState.my_idea_ids.contains(idea.id),
                    rx.fragment(),
                    rx.el.li(idea_text(idea.text), class_name="idea-card"),
                ),
            ),
            class_name="idea-list",
        ),
    )


def _phone_prompts() -> rx.Component:
    """One prompt on screen: shown large. All of them: a list to open, so the form stays near the top."""
    return rx.cond(
        RoomView.room.one_prompt_at_a_time,
        shown_prompts(_kind()),
        rx.el.details(
            rx.el.summary(t("writing.prompts_heading"), class_name="prompts-summary"),
            shown_prompts(_kind()),
            class_name="prompts-details",
        ),
    )


def writing_view() -> rx.Component:
    """The phone in the critique or what-if phase."""
    return rx.fragment(
        _phone_prompts(),
        rx.cond(RoomView.room.input_locked, rx.fragment(), _write_form()),
        rx.el.section(
            rx.el.h2(t("writing.mine_heading"), id="mine-heading"),
            rx.el.ul(rx.foreach(ParticipantState.my_ideas, _my_idea), class_name="idea-list",
                     aria_live="polite"),
            aria_labelledby="mine-heading",
        ),
        _others(),
    )
