"""The wall of ideas, grouped by prompt: the big screen's main view, and pieces phones reuse.

Idea text is always rendered as text (React escapes it): no HTML, no Markdown, no links.
"""

from __future__ import annotations

import reflex as rx

from workshop.state.room_view import IdeaGroup, PromptView, RoomView
from workshop.ui.components.text import t


def idea_text(text: rx.Var[str], element_id: str | rx.Var | None = None) -> rx.Component:
    """An idea's words as plain text; line breaks kept by CSS."""
    return rx.el.p(text, id=element_id, class_name="idea-text")


def _prompt(prompt: PromptView, kind: rx.Var[str]) -> rx.Component:
    on_screen = ~RoomView.room.one_prompt_at_a_time | prompt.current
    return rx.cond((prompt.kind == kind) & on_screen, rx.el.li(prompt.text, class_name="prompt"))


def shown_prompts(kind: rx.Var[str]) -> rx.Component:
    """The prompts of ``kind`` on screen now (all, or the current one)."""
    return rx.el.section(
        rx.el.h2(t("writing.prompts_heading"), class_name="sr-only", id="prompts-heading"),
        rx.el.ul(rx.foreach(RoomView.prompts, lambda p: _prompt(p, kind)), class_name="prompts"),
        aria_labelledby="prompts-heading",
    )


def _group(group: IdeaGroup) -> rx.Component:
    return rx.el.section(
        rx.el.h2(rx.cond(group.prompt != "", group.prompt, t("writing.no_prompt")), class_name="group-title"),
        rx.el.ul(
            rx.foreach(group.ideas, lambda idea: rx.el.li(idea_text(idea.text), class_name="idea-card")),
            class_name="idea-list idea-list--wall",
        ),
        class_name="wall-group",
    )


def wall_screen() -> rx.Component:
    """The big screen in a writing phase: this phase's prompts and the answers everyone may see."""
    kind = RoomView.room.phase.to(str)
    return rx.el.div(
        shown_prompts(kind),
        rx.el.div(
            rx.foreach(RoomView.wall, lambda group: rx.cond(group.kind == kind, _group(group))),
            class_name="wall wall--screen",
            aria_live="polite",
            # assets/autoscroll.js scrolls it when it holds more than fits.
            data_autoscroll="true",
        ),
    )
