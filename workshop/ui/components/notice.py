"""A refusal or problem message from the server, announced to screen readers."""

from __future__ import annotations

import reflex as rx

from workshop.ui.components.text import t_choice


def notice(key_var: rx.Var[str], keys: tuple[str, ...], element_id: str = "notice") -> rx.Component:
    """``key_var`` holds a catalog key from ``keys`` (or "")."""
    return rx.el.p(t_choice(key_var, keys), id=element_id, role="alert", class_name="form-error")
