"""Critique and what-if phases on a phone: the prompts, the writing form, my answers, others' answers."""

from __future__ import annotations

import reflex as rx

from workshop.state.participant import PARTICIPANT_ERRORS, ParticipantState
from workshop.state.room_view import IdeaGroup, IdeaView, PromptView, RoomView
from workshop.ui.components.notice import notice
from workshop.ui.components.text import t
from workshop.ui.components.room import derived
from workshop.ui.views.wall import idea_text, note, prompts_of, shown_count, wall_of_ideas


def _kind() -> rx.Var[str]:
    return RoomView.room.phase.to(str)


def _chosen_prompt(kind: rx.Var[str]) -> rx.Var[PromptView]:
    """The prompt this phone answers: the one chosen here, else the one on screen, else the first."""
    prompts, choice = prompts_of(kind), ParticipantState.prompt_choice
    return derived(
        f"((p) => p.find(x => x.id === ({choice})) ?? p.find(x => x.current) ?? p[0]"
        f" ?? {{id: 0, kind: '', text: '', hidden: false, current: false}})(({prompts}) ?? [])",
        PromptView, prompts, choice,
    )


def _step(prompts: rx.Var[list[PromptView]], chosen: rx.Var[PromptView], by: int) -> rx.Var[str]:
    """JS: the id (as text) of the prompt ``by`` steps from the chosen one, round the ends."""
    return derived(
        f"((p, c) => {{ const i = Math.max(0, p.findIndex(x => x.id === c.id));"
        f" return String(p[(i + ({by}) + p.length) % p.length]?.id ?? 0); }})(({prompts}) ?? [], {chosen})",
        str, prompts, chosen,
    )


def _prompt_card(kind: rx.Var[str]) -> rx.Component:
    """The prompt being answered, chosen before writing: with several prompts open, the card
    steps to the previous or next one (buttons, by keyboard too); the new prompt is read out.
    The idea goes to the prompt the card shows."""
    prompts, chosen = prompts_of(kind), _chosen_prompt(kind)
    position = derived(f"(({prompts}) ?? []).findIndex(x => x.id === ({chosen}).id) + 1", int, prompts, chosen)
    text = rx.el.p(chosen.text, id="prompt-now", aria_live="polite", class_name="prompt-text")
    return rx.cond(
        chosen.id != 0,
        rx.el.div(
            rx.cond(
                prompts.length() > 1,
                rx.el.div(
                    rx.el.button("‹", type="button", aria_label=t("writing.prompt_previous"),
                                 aria_controls="prompt-now", title=t("writing.prompt_previous"),
                                 on_click=ParticipantState.choose_prompt(_step(prompts, chosen, -1)),
                                 class_name="small-button prompt-step"),
                    rx.el.span(t("writing.prompt_position"), " ", position.to_string(), " / ",
                               prompts.length().to_string(), id="prompt-position", class_name="prompt-position"),
                    rx.el.button("›", type="button", aria_label=t("writing.prompt_next"),
                                 aria_controls="prompt-now", title=t("writing.prompt_next"),
                                 on_click=ParticipantState.choose_prompt(_step(prompts, chosen, 1)),
                                 class_name="small-button prompt-step"),
                    class_name="prompt-nav",
                ),
            ),
            text,
            rx.el.input(type="hidden", name="prompt_id", value=chosen.id.to_string()),
            role="group",
            aria_labelledby=rx.cond(prompts.length() > 1, "prompt-position prompt-now", "prompt-now"),
            class_name="prompt prompt--phone",
            data_phase=kind,
        ),
        rx.el.input(type="hidden", name="prompt_id", value=""),
    )


def _write_form() -> rx.Component:
    kind = _kind()
    chosen = _chosen_prompt(kind)
    return rx.el.form(
        _prompt_card(kind),
        # The label and the length limit share a line, so "Lähetä" stays in the first screen
        # of a 360x640 phone under a four-line question.
        rx.el.div(
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
            class_name="field-head",
        ),
        rx.el.textarea(
            id="idea-text",
            name="text",
            rows=3,
            required=True,
            max_length=RoomView.room.max_idea_length,
            aria_describedby=rx.cond(chosen.id != 0, "prompt-now idea-text-hint participant-notice",
                                     "idea-text-hint participant-notice"),
            class_name="input",
        ),
        # While one of my ideas is open for editing, a refusal shows in that edit, where the
        # person is looking (on a phone the writing form is then far above).
        rx.cond(ParticipantState.editing_id == 0,
                notice(ParticipantState.notice, PARTICIPANT_ERRORS, "participant-notice")),
        rx.el.button(t("writing.send"), type="submit", class_name="button button--primary"),
        # A new key after each successful send empties the form.
        key=ParticipantState.sent.to_string(),
        on_submit=ParticipantState.add_idea,
        class_name="card write-form",
        data_phase=kind,
    )


def _sent_status(kind: rx.Var[str]) -> rx.Component:
    """"Sent" after each send, said politely (outside the form, which is new after each send)."""
    mine = ParticipantState.my_ideas
    my_count = derived(f"(({mine}) ?? []).filter(i => i.kind === ({kind})).length", int, mine, kind)
    return rx.el.p(
        rx.cond(ParticipantState.sent > 0,
                rx.el.span("✓ ", t("phone.sent"), " ", t("phone.sent_count_before"), " ",
                           my_count.to_string(), ".")),
        role="status",
        id="sent-status",
        class_name="sent-note",
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
                        aria_describedby="edit-notice",
                    ),
                    rx.el.input(type="hidden", name="idea_id", value=idea.id.to_string()),
                    notice(ParticipantState.notice, PARTICIPANT_ERRORS, "edit-notice"),
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
            class_name="idea-card idea-card--mine note",
        ),
    )


# A phone shows the newest answers of each question, not a wall of 3,000 that a cheap phone
# would redraw on every update of a big room; "Show all" lists every one.
PHONE_NEWEST = 20


def _others_of(ideas: rx.Var) -> str:
    """JS: the ideas of a group without this phone's own (they are listed under "Your answers")."""
    mine = ParticipantState.my_idea_ids
    return f"({ideas}).filter(i => !({mine}).includes(i.id))"


def _more_than_newest(kind: rx.Var[str]) -> rx.Var[bool]:
    groups = wall_of_ideas()
    return derived(f"(({groups}) ?? []).some(g => g.kind === ({kind}) && {_others_of('g.ideas')}.length > {PHONE_NEWEST})",
                   bool, groups, kind, ParticipantState.my_idea_ids)


def _show_all_toggle(kind: rx.Var[str]) -> rx.Component:
    showing_all = ParticipantState.all_others
    return rx.cond(
        _more_than_newest(kind),
        rx.el.div(
            rx.el.p(rx.cond(showing_all, t("writing.others_all"), t("writing.others_newest", n=PHONE_NEWEST)),
                    " ", t("writing.others_total"), " ", shown_count(wall_of_ideas(), kind).to_string(),
                    class_name="field-hint", id="others-shown"),
            rx.el.button(rx.cond(showing_all, t("writing.others_show_newest"), t("writing.others_show_all")),
                         type="button", aria_pressed=showing_all.to_string(), aria_describedby="others-shown",
                         on_click=ParticipantState.show_all_others(~showing_all), class_name="small-button"),
            class_name="button-row",
        ),
    )


def _others() -> rx.Component:
    kind = _kind()
    return rx.el.section(
        rx.el.h2(t("writing.others_heading"), id="others-heading"),
        rx.cond(
            RoomView.room.ideas_visible[kind],
            rx.fragment(
                _show_all_toggle(kind),
                rx.foreach(
                    wall_of_ideas(),
                    lambda group: rx.cond(group.kind == kind, _group(group)),
                ),
            ),
            rx.el.p(t("writing.others_hidden"), class_name="field-hint"),
        ),
        aria_labelledby="others-heading",
    )


def _shown_ideas(group: IdeaGroup) -> rx.Var[list[IdeaView]]:
    """Others' ideas of the group that this phone lists: the newest PHONE_NEWEST unless "Show all"."""
    ideas, showing_all = group.ideas, ParticipantState.all_others
    return derived(f"((others) => ({showing_all}) ? others : others.slice(-{PHONE_NEWEST}))({_others_of(ideas)})",
                   list[IdeaView], ideas, showing_all, ParticipantState.my_idea_ids)


def _group(group: IdeaGroup) -> rx.Component:
    return rx.el.div(
        rx.el.h3(rx.cond(group.prompt != "", group.prompt, t("writing.no_prompt")), class_name="group-title"),
        rx.el.ul(
            rx.foreach(_shown_ideas(group), note),
            class_name="idea-list",
        ),
    )


def writing_view() -> rx.Component:
    """The phone in the critique or what-if phase."""
    return rx.fragment(
        rx.cond(RoomView.room.input_locked, rx.fragment(), _write_form()),
        _sent_status(_kind()),
        rx.el.section(
            rx.el.h2(t("writing.mine_heading"), id="mine-heading"),
            rx.el.ul(rx.foreach(ParticipantState.my_ideas, _my_idea), class_name="idea-list",
                     aria_live="polite"),
            aria_labelledby="mine-heading",
        ),
        _others(),
    )
