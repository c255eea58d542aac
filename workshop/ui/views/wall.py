"""The wall of ideas, grouped by prompt: the big screen's main view, and pieces phones reuse.

Idea text is always rendered as text (React escapes it): no HTML, no Markdown, no links.
"""

from __future__ import annotations

import reflex as rx

from workshop.domain import wall
from workshop.state.room_view import IdeaGroup, IdeaView, PromptView, RoomView
from workshop.ui.components.room import derived, waiting_count
from workshop.ui.components.text import t

# The big screen: at most this many notes (or things to vote on) and they are set larger
# (``notes--few`` in assets/screen.css); more, and they keep the base size and scroll.
FEW = 12
# More prompts than this on the big screen: their list takes less width and weight
# (``writing-screen--many``), and the notes' headings name the prompt each answers.
FEW_PROMPTS = 3


def notes_class(count: rx.Var[int], name: str = "idea-list notes") -> rx.Var[str]:
    """``name``, with ``notes--few`` when ``count`` is at most :data:`FEW`."""
    return rx.cond(count <= FEW, name + " notes--few", name)


def idea_text(text: rx.Var[str], element_id: str | rx.Var | None = None) -> rx.Component:
    """An idea's words as plain text; line breaks kept by CSS."""
    return rx.el.p(text, id=element_id, class_name="idea-text")


def note(idea: IdeaView) -> rx.Component:
    """An idea as a sticky note (it arrives with a short animation, none with reduced motion)."""
    return rx.el.li(idea_text(idea.text), class_name="idea-card note")


def shown_count(groups: rx.Var[list[IdeaGroup]], kind: rx.Var[str]) -> rx.Var[int]:
    """How many ideas of ``kind`` the groups hold."""
    return derived(f"(({groups}) ?? []).filter(g => g.kind === ({kind}))"
                   f".reduce((n, g) => n + g.ideas.length, 0)", int, groups, kind)


def wall_of_ideas() -> rx.Var[list[IdeaGroup]]:
    """The wall as groups of ideas, put together in the browser from its shards (see
    workshop.domain.wall): each idea under the group of its ``prompt_id`` (0: its kind's)."""
    groups = RoomView.wall_groups
    shards = [getattr(RoomView, name) for name in wall.NAMES]
    key = "(x => x.prompt_id || ('k' + x.kind))"
    return derived(
        f"((groups, shards, key) => {{ const by = {{}}; "
        f"for (const shard of shards) for (const idea of (shard ?? [])) (by[key(idea)] ??= []).push(idea); "
        f"return (groups ?? []).map(g => ({{...g, ideas: by[key(g)] ?? []}})); }})"
        f"(({groups}), [{', '.join(str(shard) for shard in shards)}], {key})",
        list[IdeaGroup], groups, *shards,
    )


def prompts_of(kind: rx.Var[str]) -> rx.Var[list[PromptView]]:
    """The prompts of ``kind`` on screen now (all of them, or only the current one)."""
    prompts, one = RoomView.prompts, RoomView.room.one_prompt_at_a_time
    return derived(f"(({prompts}) ?? []).filter(p => p.kind === ({kind}) && (!({one}) || p.current))",
                   list[PromptView], prompts, kind, one)


def _group(group: IdeaGroup, count: rx.Var[int]) -> rx.Component:
    """The notes answering one prompt, under that prompt; ``count``: the notes on the wall."""
    return rx.el.section(
        rx.el.h2(rx.cond(group.prompt != "", group.prompt, t("writing.no_prompt")), class_name="group-title"),
        rx.el.ul(rx.foreach(group.ideas, note), class_name=notes_class(count)),
        class_name="wall-group",
    )


def _waiting(kind: rx.Var[str]) -> rx.Component:
    """Instead of the wall while the kind's notes wait for the facilitator to show them: how
    many have arrived, large (a count the hosts get, never a text), so the room sees its
    answers landing."""
    count = waiting_count(kind)
    return rx.el.div(
        rx.cond(
            count > 0,
            rx.el.p(
                rx.el.strong(count.to_string(), class_name="waiting-figure", id="waiting-count"), " ",
                rx.cond(count == 1, t("projector.waiting_one"), t("projector.waiting_many")),
                class_name="waiting-line",
            ),
            rx.el.p(t("projector.waiting_none"), class_name="waiting-line"),
        ),
        rx.el.p(rx.cond(count > 0, t("projector.waiting_soon"), t("projector.waiting_later")),
                class_name="waiting-next"),
        class_name="screen-waiting",
        id="wall-waiting",
        role="status",
    )


def wall_screen() -> rx.Component:
    """The big screen in a writing phase: the prompt(s) large on one side, the wall of notes
    on the other, each scrolling by itself when it holds more than fits. Few notes are set
    larger; many prompts take less room. While the phase's notes wait for the facilitator to
    show them, the wall says how many have arrived."""
    kind = RoomView.room.phase.to(str)
    prompts = prompts_of(kind)
    shown = shown_count(wall_of_ideas(), kind)
    hidden = ~RoomView.room.ideas_visible[kind].to(bool)
    return rx.el.div(
        rx.el.section(
            rx.el.h2(t("writing.prompts_heading"), class_name="sr-only", id="prompts-heading"),
            rx.el.ul(
                rx.foreach(prompts, lambda p: rx.el.li(p.text, class_name="prompt")),
                class_name=rx.cond(prompts.length() == 1, "prompts prompts--one", "prompts"),
            ),
            aria_labelledby="prompts-heading",
            class_name="screen-prompts",
            data_autoscroll="true",
        ),
        rx.el.section(
            rx.el.h2(
                rx.cond(kind == "critique", t("projector.notes_critique"), t("projector.notes_what_if")),
                rx.cond(hidden, "", rx.fragment(
                    " ", rx.el.span(shown.to_string(), class_name="count-badge", id="wall-count"))),
                class_name="area-title",
                id="wall-heading",
            ),
            rx.cond(
                hidden,
                _waiting(kind),
                rx.el.div(
                    rx.foreach(wall_of_ideas(),
                               lambda group: rx.cond(group.kind == kind, _group(group, shown))),
                    class_name="wall wall--screen",
                    aria_live="polite",
                    # assets/autoscroll.js scrolls it when it holds more than fits.
                    data_autoscroll="true",
                ),
            ),
            aria_labelledby="wall-heading",
            class_name="screen-area",
        ),
        class_name=rx.cond(prompts.length() > FEW_PROMPTS, "writing-screen writing-screen--many", "writing-screen"),
    )
