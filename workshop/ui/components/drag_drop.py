"""HTML drag and drop for desktops: an idea card that can be dragged, an area it drops on.

Drag and drop is only a shortcut: every move is also a tap (or keyboard) flow
with buttons. The dragged card carries its idea id as text; the drop area
hands that text, and its own cluster id, to a server handler which checks both.
"""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex_base.event import no_args_event_spec
from reflex_components_core.el.elements.typography import Div

# Puts the card's data-idea-id into the drag (read by the drop area below).
_START_DRAG = rx.Var("((e) => { e.dataTransfer.setData('text/plain', e.currentTarget.dataset.ideaId); "
                     "e.dataTransfer.effectAllowed = 'move'; })")


def _dropped_text(e: rx.vars.ObjectVar) -> tuple[rx.Var[str]]:
    return (rx.Var(f"{e}.dataTransfer.getData('text/plain')").to(str),)


class DropArea(Div):
    """A div that accepts a dropped idea card: ``on_drop`` gets the dragged idea id as text."""

    on_drop: rx.EventHandler[_dropped_text]
    on_drag_over: rx.EventHandler[no_args_event_spec]


def drop_area(*children: rx.Component, on_drop: Any, **props: Any) -> rx.Component:
    return DropArea.create(
        *children,
        on_drop=on_drop,
        # Allow dropping here (the browser's default refuses); runs in the browser only.
        on_drag_over=rx.prevent_default,
        **props,
    )


def draggable_props(idea_id: rx.Var[int]) -> dict[str, Any]:
    """Props that make an element a draggable idea card."""
    return {"draggable": True, "data_idea_id": idea_id, "custom_attrs": {"onDragStart": _START_DRAG}}
