"""``/privacy``: what is stored, who sees what, how long it is kept, how to have it removed.

The numbers are the deployment's settings, the same the purge and the
small-group rule use (``workshop/settings.py``).
"""

from __future__ import annotations

import reflex as rx

from workshop.settings import settings
from workshop.ui.components.layout import page_frame
from workshop.ui.components.text import t


def _section(heading_key: str, section_id: str, *lines: rx.Var[str]) -> rx.Component:
    return rx.el.section(
        rx.el.h2(t(heading_key), id=section_id),
        rx.el.ul(*[rx.el.li(line) for line in lines]),
        aria_labelledby=section_id,
    )


def retention_note() -> rx.Component:
    """One line with both retention periods, for the join page."""
    config = settings()
    return rx.el.p(
        t("privacy.join_note", close=config.close_after_days, delete=config.delete_after_days), " ",
        rx.el.a(t("privacy.link"), href="/privacy"),
        class_name="field-hint",
    )


def privacy_page() -> rx.Component:
    config = settings()
    return page_frame(
        rx.el.div(
            rx.el.h1(t("privacy.heading")),
            rx.el.p(t("privacy.intro"), class_name="lead"),
            _section("privacy.stored_heading", "privacy-stored",
                     t("privacy.stored_role"), t("privacy.stored_ideas"), t("privacy.stored_device"),
                     t("privacy.stored_nothing")),
            _section("privacy.who_heading", "privacy-who",
                     t("privacy.who_facilitator"), t("privacy.who_screen"), t("privacy.who_participants"),
                     t("privacy.who_preparers"), t("privacy.who_small_groups", k=config.min_group_size)),
            _section("privacy.kept_heading", "privacy-kept",
                     t("privacy.kept_close", days=config.close_after_days),
                     t("privacy.kept_delete", days=config.delete_after_days),
                     t("privacy.kept_results")),
            _section("privacy.remove_heading", "privacy-remove",
                     t("privacy.remove_ask"), t("privacy.remove_results"), t("privacy.remove_device")),
            class_name="privacy-page",
        ),
    )
