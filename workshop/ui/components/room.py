"""Pieces of the live room shared by the participant, facilitator and big screens."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex_base.vars.base import VarData

from workshop.domain.vocabulary import Phase, Role
from workshop.domain.small_groups import COMBINED, TOO_FEW
from workshop.state.room_view import HeadCountRow, RoomView
from workshop.ui.components.text import t


def derived(js: str, var_type: type, *deps: rx.Var[Any]) -> rx.Var[Any]:
    """A browser-side expression over pushed vars (``js`` names them by their own f-string form)."""
    return rx.Var(_js_expr=js, _var_type=var_type,
                  _var_data=VarData.merge(*(dep._get_all_var_data() for dep in deps))).guess_type()


def waiting_count(kind: rx.Var[str] | str) -> rx.Var[int]:
    """How many notes of ``kind`` wait for the facilitator to show them (the hub's ``waiting``
    part, hosts only); 0 when none wait or the kind is shown."""
    key = kind if isinstance(kind, rx.Var) else rx.Var.create(kind)
    return derived(f"((({RoomView.waiting}) ?? {{}})[{key}] ?? 0)", int, RoomView.waiting, key)


def phase_badge(phase: rx.Var[str], element: str = "span", **props: Any) -> rx.Component:
    """The phase's name on its colour (``--phase-<id>``, set by ``data-phase``): the word says it."""
    make = getattr(rx.el, element)
    return make(phase_name(phase), data_phase=phase, class_name="phase-badge", **props)


def role_badge(role: rx.Var[str]) -> rx.Component:
    """A role's word on its colour (``--role-<id>``): never the colour alone."""
    return rx.el.span(role_name(role), data_role=role, class_name="role-badge")


def countdown() -> rx.Component:
    """Time left on the facilitator's timer (standing still while paused); nothing when off."""
    room = RoomView.room
    return rx.cond(
        (room.timer_ends_at_ms > 0) | (room.timer_paused_ms > 0),
        rx.el.div(
            rx.el.span(t("timer.label"), class_name="timer-label"),
            # assets/countdown.js fills this span in the browser, every 250 ms.
            rx.el.span(
                custom_attrs={
                    "data-ends-at": room.timer_ends_at_ms.to_string(),
                    "data-server-now": room.server_now_ms.to_string(),
                    "data-paused-left": room.timer_paused_ms.to_string(),
                },
                class_name="timer-value",
            ),
            role="timer",
            class_name="timer",
        ),
    )


def phase_name(phase: rx.Var[str]) -> rx.Component | rx.Var:
    """The current phase's name in the chosen language."""
    return rx.match(phase, *[(p.value, t(f"phase.{p.value}.name")) for p in Phase], "")


def phase_text(phase: rx.Var[str], audience: str) -> rx.Component | rx.Var:
    """The phase's line for ``participant`` phones or the big ``screen``."""
    return rx.match(phase, *[(p.value, t(f"phase.{p.value}.{audience}")) for p in Phase], "")


def role_name(role: rx.Var[str], plural: bool = False) -> rx.Component | rx.Var:
    """A role's name (``role_plural`` for head-counts)."""
    section = "role_plural" if plural else "role"
    return rx.match(role, *[(r.value, t(f"{section}.{r.value}")) for r in Role], "")


def role_names(roles: rx.Var[list[str]]) -> rx.Component:
    """Roles named one after another: "Young people, Professionals"."""
    return rx.foreach(roles, lambda role, index: rx.el.span(rx.cond(index > 0, ", ", ""), role_name(role, plural=True)))


def _headcount_row(row: HeadCountRow) -> rx.Component:
    """A role and its people; small groups together, named, with their people; or, when even
    they are too few, no figure by role at all (domain.small_groups)."""
    return rx.el.div(
        rx.match(
            row.role,
            (COMBINED, rx.fragment(rx.el.dt(t("smallgroups.combined"), ": ", role_names(row.members)),
                                   rx.el.dd(row.people.to_string(), data_role=row.role))),
            (TOO_FEW, rx.fragment(rx.el.dt(t("voting.by_role_heading")),
                                  rx.el.dd(t("smallgroups.too_few"), data_role=row.role))),
            rx.fragment(rx.el.dt(role_name(row.role, plural=True)),
                        rx.el.dd(row.people.to_string(), data_role=row.role)),
        ),
        class_name="presence-row",
        data_group=row.role,
    )


def presence_counts(large: bool = False) -> rx.Component:
    """Participants here now, for the room (the big screen): by role as the hub folded it
    (no role of fewer than K people apart), and the total; numbers as text, not colour."""
    return rx.el.dl(
        rx.foreach(RoomView.headcount.rows, _headcount_row),
        rx.el.div(
            rx.el.dt(t("facilitator.presence_total")),
            rx.el.dd(RoomView.headcount.total.to_string(), data_role="total"),
            class_name="presence-row presence-row--total",
        ),
        class_name="presence presence--large" if large else "presence",
        aria_live="polite",
    )


def short_address(url: rx.Var[str]) -> rx.Var[str]:
    """``https://host/join/CODE`` as ``host/join/CODE``: short enough for one line on a projector."""
    return derived(f"(({url}) ?? '').replace(/^https?:\\/\\//, '')", str, url)


def join_block(join_url: rx.Var[str], qr_data_uri: rx.Var[str], large: bool = False) -> rx.Component:
    """The join code, link and QR code."""
    if large:
        return rx.el.div(
            rx.el.div(
                rx.el.p(t("screen.code_label"), class_name="join-code-label"),
                rx.el.p(RoomView.room.code, class_name="join-code"),
                rx.el.p(t("screen.join_at"), class_name="join-at"),
                rx.el.p(short_address(join_url), class_name="join-url"),
                class_name="join-words",
            ),
            rx.cond(
                qr_data_uri != "",
                rx.el.img(src=qr_data_uri, alt=t("facilitator.qr_alt"), class_name="qr"),
            ),
            class_name="join-block join-block--large",
        )
    return rx.el.div(
        rx.el.p(
            rx.el.span(t("screen.code_label"), class_name="join-code-label"),
            " ",
            rx.el.strong(RoomView.room.code, class_name="join-code"),
        ),
        rx.el.p(
            rx.el.span(t("screen.join_at")),
            " ",
            rx.el.a(join_url, href=join_url, class_name="join-url"),
        ),
        rx.cond(
            qr_data_uri != "",
            rx.el.img(src=qr_data_uri, alt=t("facilitator.qr_alt"), class_name="qr"),
        ),
        class_name="join-block",
    )
