"""``/portfolio/[code]``: the SOILA portfolio, for its coordinator and for viewers.

Two keys open the page (``workshop.store.portfolio.for_reading``): the
coordinator's key and the viewer link's read-only key, each kept in this browser's
localStorage, like the facilitator key. A one-time link (``?open=``,
``workshop.state.opening``) hands one of them over once and leaves the address bar;
what stays in the address is the filter alone (``domain.portfolio.to_query``),
so a filtered view can be shared without sharing a key.

Every call proves its key again against the stored hash in its own transaction:
a viewer or coordinator link made anew (which voids the old one) stops working on
the next call, and that tab then shows the refusal and nothing of the portfolio. Filters and search change only this tab's view; the status, the links and
deleting need the coordinator's key. Downloads go through one-time tokens that
carry the filter and language (no key and no filter in their address).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from datetime import date, datetime
from typing import TypeVar

import reflex as rx
from sqlalchemy.orm import Session

from workshop.api.exports import PORTFOLIO_NAMES
from workshop.domain import portfolio as rules
from workshop.domain.creation import InvalidInput
from workshop.domain.small_groups import GroupCount
from workshop.domain.openers import PARAMETER
from workshop.domain.vocabulary import Opener
from workshop.state.language import LanguageState, PageLoad
from workshop.state.opening import TOO_MANY, USED_PORTFOLIO, address_to_forget, given_opener, key_that_opens, opener_link
from workshop.state.secrets import PORTFOLIO_KEYS, PORTFOLIO_VIEW_KEYS, BrowserSecrets, held, remember
from workshop.state.workshop_page import FORM_INVALID, Refused, form_fields, with_database
from workshop.store import openers
from workshop.store import portfolio as store
from workshop.store.db import empty_wal, run_blocking
from workshop.store.models import Portfolio

T = TypeVar("T")

# The export formats, in the order the page offers them.
EXPORT_FORMATS = PORTFOLIO_NAMES

# The filter kinds a browser may toggle (the Filter's field names).
FILTER_KINDS = ("regions", "quadrants", "goals", "characteristics", "workshops", "statuses")

PORTFOLIO_ERRORS = (
    "portfolio.key_wrong",
    USED_PORTFOLIO,
    TOO_MANY,
    "portfolio.brief_unknown",
    "portfolio.status_not_allowed",
    "portfolio.note_too_long",
    "portfolio.download_refused",
    "portfolio_ui.not_coordinator",
    "portfolio_ui.confirm_wrong",
    "portfolio_ui.rotate_unconfirmed",
    "keys.format_unknown",
    FORM_INVALID,
)


@dataclasses.dataclass
class QuadrantView:
    """One cell of the OECD matrix: its briefs' titles and how many."""

    id: str = ""
    count: int = 0
    titles: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class BarView:
    """One bar of a chart: what it counts (a vocabulary id), the figure, and its length
    in percent of the longest bar; ``share``: the figure's percent of the whole ("" if none)."""

    id: str = ""
    value: int = 0
    width: int = 0
    share: str = ""
    members: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class HeatCell:
    count: int = 0
    level: int = 0


@dataclasses.dataclass
class HeatRowView:
    id: str = ""
    cells: list[HeatCell] = dataclasses.field(default_factory=list)
    total: int = 0
    share: str = ""


@dataclasses.dataclass
class RegionView:
    id: str = ""
    briefs: int = 0
    workshops: int = 0
    participants: int = 0
    width: int = 0


@dataclasses.dataclass
class OptionView:
    """A filter's choice: the value sent back, its label when it is data (a workshop's
    title; vocabulary is labelled from the catalog by ``value``), and whether it is on."""

    value: str = ""
    label: str = ""
    on: bool = False


@dataclasses.dataclass
class HistoryView:
    status: str = ""
    note: str = ""
    at: str = ""


@dataclasses.dataclass
class RoleDotsView:
    role: str = ""
    dots: int = 0
    people: int = 0
    members: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class BriefCard:
    """A published brief as the page lists it (plain data; participant text is never HTML)."""

    id: int = 0
    title: str = ""
    workshop: str = ""
    region: str = ""
    held_on: str = ""
    quadrant: str = ""
    what_if: str = ""
    need: str = ""
    target_group: str = ""
    first_experiment: str = ""
    involved: str = ""
    obstacles: str = ""
    goals: list[str] = dataclasses.field(default_factory=list)
    characteristics: list[str] = dataclasses.field(default_factory=list)
    quotes: list[str] = dataclasses.field(default_factory=list)
    voted: bool = False
    dots: int = 0
    rank: int = 0
    voters: int = 0
    by_role: list[RoleDotsView] = dataclasses.field(default_factory=list)
    status: str = "new"
    status_note: str = ""
    status_at: str = ""
    history: list[HistoryView] = dataclasses.field(default_factory=list)
    next_statuses: list[str] = dataclasses.field(default_factory=list)


def _day(value: date | datetime | None) -> str:
    return value.date().isoformat() if isinstance(value, datetime) else value.isoformat() if value else ""


def _share(part: int, whole: int) -> str:
    figure = rules.percent(part, whole)
    return "" if figure is None else f"{figure} %"


def _width(value: int, largest: int) -> int:
    return round(100 * value / largest) if largest > 0 else 0


def _card(brief: rules.PublishedBrief) -> BriefCard:
    vote = brief.vote
    return BriefCard(
        id=brief.id, title=brief.title, workshop=brief.workshop.title, region=brief.region or rules.NONE,
        held_on=_day(brief.workshop.held_on), quadrant=brief.oecd_quadrant or rules.NONE,
        what_if=brief.what_if, need=brief.need, target_group=brief.target_group,
        first_experiment=brief.first_experiment, involved=brief.involved, obstacles=brief.obstacles,
        goals=[str(goal) for goal in brief.strategic_goals], characteristics=list(brief.characteristics),
        quotes=list(brief.quotes), voted=vote is not None, dots=vote.dots if vote else 0,
        rank=(vote.rank or 0) if vote else 0, voters=vote.voters if vote else 0,
        by_role=[RoleDotsView(row.role, row.dots, row.people, list(row.members)) for row in vote.by_role]
        if vote else [],
        status=brief.status, status_note=brief.status_note, status_at=_day(brief.status_at),
        history=[HistoryView(entry.status, entry.note, _day(entry.at)) for entry in reversed(brief.history)],
        next_statuses=list(rules.allowed_next(brief.status)),
    )


def _bars(pairs: list[tuple[str, int]], whole: int | None = None,
          members: dict[str, tuple[str, ...]] | None = None) -> list[BarView]:
    largest = max((value for _, value in pairs), default=0)
    return [BarView(key, value, _width(value, largest), _share(value, whole) if whole is not None else "",
                    list((members or {}).get(key, ()))) for key, value in pairs]


def _role_bars(rows: tuple[GroupCount, ...]) -> list[BarView]:
    return _bars([(row.group, row.people) for row in rows], sum(row.people for row in rows),
                 {row.group: tuple(row.members) for row in rows})


def _forget_key_in_address(query: str) -> rx.event.EventSpec:
    """The address bar keeps the path and the filter, never a key."""
    return rx.call_script(
        f"history.replaceState(null, '', location.pathname + {json.dumps('?' + query if query else '')})")


class PortfolioState(PageLoad, rx.State):
    """The portfolio in the route, for the key this browser holds."""

    # Catalog key of the last refusal or problem; "" when all is well.
    notice: str = ""
    # The page opened (a key of this portfolio), and whether as its coordinator.
    allowed: bool = False
    loaded: bool = False
    coordinator: bool = False
    title: str = ""
    total: int = 0
    shown: int = 0
    # The OECD matrix (GRID order, row by row), briefs without a quadrant, the radical lens.
    quadrants: list[QuadrantView] = []
    unplaced: list[str] = []
    placed: int = 0
    radical: int = 0
    radical_share: str = ""
    goals: list[BarView] = []
    heat_columns: list[int] = []
    heat: list[HeatRowView] = []
    regions: list[RegionView] = []
    region_bars: list[BarView] = []
    roles: list[BarView] = []
    min_group_size: int = 1
    statuses: list[BarView] = []
    briefs: list[BriefCard] = []
    # The filter: choices per kind (with which are on) and the search text.
    options: dict[str, list[OptionView]] = {}
    search: str = ""
    # Bumped when the search box must show the filter's text afresh (load, "clear filters").
    search_epoch: int = 0
    active_kinds: list[str] = []
    filtered: bool = False
    share_query: str = ""
    # One-time links, each shown once, right after a coordinator made them.
    new_viewer_link: str = ""
    new_invitation_link: str = ""
    new_coordinator_link: str = ""
    device_link: str = ""

    def _code(self) -> str | None:
        code = self.router.url.path.rstrip("/").rsplit("/", 1)[-1].upper()
        return code if code.isalnum() and 0 < len(code) <= 16 else None

    async def _held_keys(self, code: str) -> list[str]:
        secrets = await self.get_state(BrowserSecrets)
        return [key for key in (held(secrets, PORTFOLIO_KEYS, code), held(secrets, PORTFOLIO_VIEW_KEYS, code)) if key]

    def _selected(self) -> rules.Filter:
        chosen = {kind: [option.value for option in self.options.get(kind, []) if option.on]
                  for kind in FILTER_KINDS}
        return rules.make_filter(**chosen, text=self.search)

    def _show(self, title: str, coordinator: bool, every: list[rules.PublishedBrief],
              seen: rules.Overview) -> None:
        """Fill the page's view of ``seen`` (the filtered overview) and the filter's choices."""
        self.allowed, self.coordinator, self.title = True, coordinator, title
        self.total, self.shown = len(every), len(seen.briefs)
        grid = seen.matrix
        self.quadrants = [QuadrantView(q.id, q.count, [ref.title for ref in q.briefs]) for q in grid.quadrants]
        self.unplaced = [ref.title for ref in grid.unplaced]
        self.placed, self.radical = grid.placed, grid.radical
        self.radical_share = _share(grid.radical, grid.placed)
        self.goals = _bars([(c.id, c.count) for c in seen.goals], len(seen.briefs))
        highest = seen.heat.highest
        self.heat_columns = list(seen.heat.column_totals)
        self.heat = [HeatRowView(row.characteristic,
                                 [HeatCell(count, rules.level(count, highest)) for count in row.cells],
                                 row.total, _share(row.total, row.briefs)) for row in seen.heat.rows]
        largest = max((row.briefs for row in seen.regions), default=0)
        self.regions = [RegionView(row.region, row.briefs, row.workshops, row.participants,
                                   _width(row.briefs, largest)) for row in seen.regions]
        self.region_bars = _bars([(row.region, row.briefs) for row in seen.regions], len(seen.briefs))
        self.roles = _role_bars(seen.roles)
        self.min_group_size = seen.min_group_size
        self.statuses = _bars(list(seen.statuses), len(seen.briefs))
        self.briefs = [_card(brief) for brief in seen.briefs]
        self._choices(every, seen.filter)

    def _choices(self, every: list[rules.PublishedBrief], selected: rules.Filter) -> None:
        present_regions = {brief.region or rules.NONE for brief in every} | set(selected.regions)
        present_quadrants = {brief.oecd_quadrant or rules.NONE for brief in every} | set(selected.quadrants)
        workshops = rules.workshops_of(every)
        self.options = {
            "regions": [OptionView(r, "", r in selected.regions) for r in (*rules.REGIONS, rules.NONE)
                        if r in present_regions],
            "quadrants": [OptionView(q, "", q in selected.quadrants)
                          for q in (*rules.GRID[0], *rules.GRID[1], rules.NONE) if q in present_quadrants],
            "goals": [OptionView(str(g), "", g in selected.goals) for g in (1, 2, 3, 4)],
            "characteristics": [OptionView(c, "", c in selected.characteristics)
                                for c in rules.CHARACTERISTICS],
            "workshops": [OptionView(str(w.id), w.title + (f" · {_day(w.held_on)}" if w.held_on else ""),
                                     w.id in selected.workshops) for w in workshops],
            "statuses": [OptionView(s, "", s in selected.statuses) for s in rules.STATUSES],
        }
        self.search = selected.text
        self.active_kinds = [kind for kind in FILTER_KINDS if getattr(selected, kind)]
        self.filtered = not selected.empty
        self.share_query = rules.to_query(selected)

    def _close(self) -> None:
        """Nothing of the portfolio stays in this tab."""
        self.allowed = self.coordinator = False
        self.title, self.total, self.shown = "", 0, 0
        self.quadrants, self.unplaced, self.goals, self.heat, self.heat_columns = [], [], [], [], []
        self.regions, self.region_bars, self.roles, self.statuses, self.briefs = [], [], [], [], []
        self.options, self.search, self.share_query = {}, "", ""
        self._forget_links()

    def _forget_links(self) -> None:
        self.new_viewer_link = self.new_invitation_link = self.new_coordinator_link = self.device_link = ""

    def _read(self, session: Session, code: str, keys: list[str],
              selected: rules.Filter) -> tuple[str, bool, list, rules.Overview] | None:
        for key in keys:
            found = store.for_reading(session, code, key)
            if found is not None:
                portfolio, coordinator = found
                every = store.briefs_of(session, portfolio)
                return portfolio.title, coordinator, every, store.overview(session, portfolio, selected)
        return None

    async def _refresh(self, selected: rules.Filter) -> bool:
        """Read the portfolio afresh for the keys this browser holds; False (and nothing
        shown) when none opens it any more."""
        code = self._code()
        keys = await self._held_keys(code) if code else []
        read = await with_database(lambda session: self._read(session, code, keys, selected)) if keys else None
        if read is None:
            self._close()
            self.notice = "portfolio.key_wrong"
            return False
        self._show(read[0], read[1], read[2], read[3])
        return True

    async def _load_page(self):
        """Take the key a one-time link hands over (the coordinator's or the viewer's) into
        this browser, read the filter from the address, and show the portfolio for the keys
        this browser holds."""
        self.loaded = False
        self.notice = ""
        self._forget_links()
        code = self._code()
        params = self.router.url.query_parameters
        opener = given_opener(self)
        selected = rules.from_query({name: value for name, value in params.items() if name not in (PARAMETER, "lang")})
        if code and opener:
            found = await with_database(lambda session: key_that_opens(
                session, (Opener.COORDINATOR, Opener.VIEWER), code, opener, (),
                lambda key: store.for_reading(session, code, key)))
            if found is not None:
                remember(await self.get_state(BrowserSecrets), PORTFOLIO_KEYS if found[1][1] else PORTFOLIO_VIEW_KEYS,
                         code, found[0])
        opened = await self._refresh(selected)
        if opener and not opened:
            self.notice = USED_PORTFOLIO
        self.search_epoch += 1
        self.loaded = True
        if opened or address_to_forget(self):
            return _forget_key_in_address(self.share_query if opened else "")
        return None

    async def _refilter(self, selected: rules.Filter):
        if not self.allowed:
            return None
        if await self._refresh(selected):
            self.notice = ""
            return _forget_key_in_address(self.share_query)
        return None

    @rx.event
    async def toggle_filter(self, kind: str, value: str, on: bool):
        """Turn one filter choice on or off (this tab's view only); unknown choices are dropped."""
        if kind not in FILTER_KINDS or not isinstance(value, str) or not isinstance(on, bool):
            return None
        current = self._selected()
        chosen = {k: [str(v) for v in getattr(current, k)] for k in FILTER_KINDS}
        chosen[kind] = [v for v in chosen[kind] if v != value] + ([value] if on else [])
        return await self._refilter(rules.make_filter(**chosen, text=current.text))

    @rx.event
    async def set_search(self, text: str):
        """The text search (every word must occur)."""
        current = self._selected()
        return await self._refilter(dataclasses.replace(current, text=rules.clean_search(text)))

    @rx.event
    async def clear_filters(self):
        self.search_epoch += 1
        return await self._refilter(rules.Filter())

    async def _as_coordinator(self, work: Callable[[Session, Portfolio, str], T]) -> tuple[bool, T | None]:
        """Prove this browser's coordinator key and run ``work(session, portfolio, key)`` in
        one committed transaction; a refusal leaves its catalog key in ``notice``."""
        code = self._code()
        key = held(await self.get_state(BrowserSecrets), PORTFOLIO_KEYS, code)

        def run(session: Session) -> T:
            portfolio = store.for_coordinator(session, code, key) if code and key else None
            if portfolio is None or key is None:
                raise Refused("portfolio_ui.not_coordinator")
            return work(session, portfolio, key)

        try:
            result = await with_database(run)
        except Refused as refused:
            await self._refused(refused.key)
            return False, None
        except InvalidInput as invalid:
            self.notice = invalid.key
            return False, None
        self.notice = ""
        return True, result

    async def _refused(self, key: str) -> None:
        """A call refused for its key: the page shows afresh what this browser's keys still
        open (nothing, when the key was made anew elsewhere), with the refusal."""
        if self.allowed:
            await self._refresh(self._selected())
        self.notice = key

    @rx.event
    async def set_status(self, form: dict):
        """The coordinator sets a brief's preparation status with a dated note."""
        if (form := form_fields(self, form)) is None:
            return None
        published = str(form.get("published_id", ""))
        done, _ = await self._as_coordinator(lambda session, portfolio, _key: store.set_status(
            session, portfolio, int(published) if published.isdigit() and len(published) < 10 else -1,
            form.get("status"), form.get("note", "")))
        if done:
            await self._refresh(self._selected())
        return None

    async def _hand_out(self, purpose: Opener, key_of: Callable[[Portfolio, str], str | None],
                        renewed: bool = False) -> str | None:
        """Prove the coordinator key and mint a one-time link for the key
        ``key_of(portfolio, coordinator key)`` gives (``renewed``: a key just made anew; when
        it gives None, none was kept, and a new key is made): the link, or None (refused)."""
        renew = {Opener.VIEWER: store.renew_viewer_key, Opener.INVITATION: store.renew_invitation_key}

        def mint(session: Session, portfolio: Portfolio, key: str) -> str:
            handed = key_of(portfolio, key)
            if handed is None:
                handed, fresh = renew[purpose](portfolio, key), True
            else:
                fresh = renewed
            return openers.mint(session, purpose, handed, portfolio, limited=not fresh)

        done, token = await self._as_coordinator(mint)
        return opener_link(self, purpose, self._code(), token) if done else None

    @rx.event
    async def another_viewer_link(self):
        """A one-time viewer link for one more person (the same viewer key)."""
        if link := await self._hand_out(Opener.VIEWER, store.viewer_key):
            self.new_viewer_link = link

    @rx.event
    async def renew_viewer_link(self):
        """A new viewer key: older viewer links and the browsers that opened them stop
        working. Its one-time link is shown once."""
        if link := await self._hand_out(Opener.VIEWER, store.renew_viewer_key, renewed=True):
            self.new_viewer_link = link

    @rx.event
    async def another_invitation_link(self):
        """A one-time invitation link for one more facilitator (the same invitation key)."""
        if link := await self._hand_out(Opener.INVITATION, store.invitation_key):
            self.new_invitation_link = link

    @rx.event
    async def renew_invitation_link(self):
        """A new invitation key: older invitation links stop working. Shown once."""
        if link := await self._hand_out(Opener.INVITATION, store.renew_invitation_key, renewed=True):
            self.new_invitation_link = link

    @rx.event
    async def another_coordinator_link(self):
        """A one-time coordinator link for another device (the same coordinator key)."""
        if link := await self._hand_out(Opener.COORDINATOR, lambda _, key: key):
            self.device_link = link

    @rx.event
    async def rotate_coordinator_link(self, confirmed: bool = False):
        """A new coordinator link, after the page's confirmation step (``confirmed`` True):
        the old coordinator key stops working at once in every tab that holds it, with its
        one-time links, and so do the viewer and invitation keys it could hand out (renewed,
        with their links); this browser keeps the new one, and its one-time link is shown once."""
        def rotate(session: Session, portfolio: Portfolio, key: str) -> tuple[str, str]:
            if confirmed is not True:
                raise InvalidInput("portfolio_ui.rotate_unconfirmed")
            new = store.rotate_coordinator_key(portfolio)
            return new, openers.mint(session, Opener.COORDINATOR, new, portfolio, limited=False)

        done, made = await self._as_coordinator(rotate)
        if done:
            remember(await self.get_state(BrowserSecrets), PORTFOLIO_KEYS, self._code(), made[0])
            self.new_coordinator_link = opener_link(self, Opener.COORDINATOR, self._code(), made[1])
            self.device_link = self.new_viewer_link = self.new_invitation_link = ""  # they handed out the old keys

    @rx.event
    async def delete_portfolio(self, form: dict):
        """Delete the portfolio (typed confirmation: its code); its workshops stay."""
        if (form := form_fields(self, form)) is None:
            return None
        code = self._code()
        if str(form.get("confirm", "")).strip().upper() != code:
            self.notice = "portfolio_ui.confirm_wrong"
            return None
        done, _ = await self._as_coordinator(lambda session, portfolio, _key: store.delete_portfolio(session, portfolio))
        if done:
            await run_blocking(empty_wal)  # its text leaves the SQLite files too
            self._close()
            return rx.redirect("/", replace=True)
        return None

    @rx.event
    async def download(self, fmt: str):
        """One download of ``fmt`` with the current filter, through a one-time token."""
        if not isinstance(fmt, str) or fmt not in EXPORT_FORMATS:
            self.notice = "keys.format_unknown"
            return None
        code = self._code()
        keys = await self._held_keys(code) if code else []
        selected = self._selected()
        language = (await self.get_state(LanguageState)).lang

        def mint(session: Session) -> str:
            for key in keys:
                found = store.for_reading(session, code, key)
                if found is not None:
                    return store.mint_download(session, found[0], selected, language)
            raise Refused("portfolio.key_wrong")

        try:
            token = await with_database(mint)
        except Refused as refused:
            await self._refused(refused.key)
            return None
        self.notice = ""
        return rx.download(url=f"/api/portfolios/{code}/export.{fmt}?token={token}",
                           filename=f"entajos-portfolio-{code}.{'zip' if fmt == 'csv' else fmt}")

    @rx.event
    def dismiss_notice(self):
        self.notice = ""
