"""The frame of every page: skip link, header with the language switch, main."""

from __future__ import annotations

import reflex as rx

from workshop.ui.components.forget import forget_footer, unless_ended
from workshop.ui.components.language_switch import language_switch
from workshop.ui.components.text import t


def page_frame(*children: rx.Component, wide: bool = False, projector: bool = False,
               forget: bool = True) -> rx.Component:
    """Wrap a page's content; ``wide`` for the facilitator's screen; ``projector`` for the
    big screen: the whole viewport, no header and no controls (it follows the workshop's language);
    ``forget``: the foot offers "forget this workshop on this device" (not on the cockpit,
    whose Tools forget its key)."""
    chrome = [] if projector else [
        rx.el.a(t("app.skip_to_content"), href="#main", class_name="skip-link"),
        rx.el.header(
            rx.el.span(t("app.name"), class_name="brand"),
            language_switch(),
            class_name="site-header",
        ),
    ]
    main_class = "page-main page-main--projector" if projector else (
        "page-main page-main--wide" if wide else "page-main")
    return rx.el.div(
        *chrome,
        rx.el.main(
            unless_ended(*children),
            id="main",
            tab_index=-1,
            class_name=main_class,
        ),
        forget_footer(forget),
        class_name="page page--projector" if projector else "page",
        # Tests (and people's scripts) wait for this before they interact.
        data_hydrated=rx.cond(rx.State.is_hydrated, "true", "false"),
    )
