"""Labelled form fields: a visible label, an optional hint tied by aria-describedby."""

from __future__ import annotations

import reflex as rx

from workshop.ui.components.text import t


def field(
    field_id: str,
    label_key: str,
    control: rx.Component,
    hint_key: str | None = None,
) -> rx.Component:
    """A label, the control and its hint, stacked."""
    parts: list[rx.Component] = [
        rx.el.label(t(label_key), html_for=field_id, class_name="field-label"),
    ]
    if hint_key:
        parts.append(rx.el.p(t(hint_key), id=f"{field_id}-hint", class_name="field-hint"))
    parts.append(control)
    return rx.el.div(*parts, class_name="field")


def text_field(
    field_id: str,
    name: str,
    label_key: str,
    hint_key: str | None = None,
    **input_props: object,
) -> rx.Component:
    """A labelled one-line input; its hint (when given) is tied by aria-describedby."""
    if hint_key:
        input_props.setdefault("aria_describedby", f"{field_id}-hint")
    input_props.setdefault("type", "text")
    input_props.setdefault("class_name", "input")
    control = rx.el.input(id=field_id, name=name, **input_props)
    return field(field_id, label_key, control, hint_key=hint_key)


def error_message(message: rx.Var | rx.Component, message_id: str) -> rx.Component:
    """A message read out at once by screen readers; empty when there is none."""
    return rx.el.p(message, id=message_id, role="alert", class_name="form-error")
