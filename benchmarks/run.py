"""``make bench``: how fast a room reaches its phones, against the naive rx.SharedState room.

For N phones in one room (python-socketio clients in ``--phone-processes``
processes of their own, default 2, on loopback): the time until all N joins
have settled (every phone holds the room, the facilitator's head-count shows
N), and the time from the facilitator's phase change to each phone
(p50/p95/max over 5 changes). The
same for a naive ``rx.SharedState`` room (benchmarks/naive_room) at 50 and
200 phones. Prints a table; figures vary with the machine's load.

The dot-voting burst (``--voting-only`` runs it alone): 500 phones spend their
5 dots each as fast as they can; no dot may be lost or added (the database's
count equals the taps the phones' answers accepted), every screen's "used all
their dots" count must be right within 2 s of the last tap, and the revealed
result the same on every screen and in the database. The naive room at 200
phones for comparison.

The idea burst runs twice in the same run: against the app, and against one
started with ``ENTAJOS_WALL_SHARDS=1`` that resends the whole wall on every
change (as before the wall travelled in shards). ``--only`` picks tables,
``--profile PATH`` records the app with py-spy (see ``benchmarks/profile_top.py``).
Several workers (``--only multi`` runs it alone): the app as ``WORKERS=2 make run``
runs it on PostgreSQL + Redis (a database and key prefix of the run's own, see
tests/live/workers.py), with 1,000 and 2,000 phones: joins, phase changes, the
idea burst and the dot burst, with what was lost or extra.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from benchmarks import emit, grouping, limiter, tab_states
from tests.browser.app_server import start_app, stop_app
from workshop.domain import voting as vote_rules
from workshop.domain.creation import NewWorkshop
from workshop.domain.participation import NewParticipant
from workshop.domain.vocabulary import Role
from workshop.state.facilitator import FacilitatorState
from workshop.state.participant import ParticipantState
from workshop.state.secrets import BrowserSecrets
from workshop.store import clusters, participants, voting, workshops
from workshop.store.db import make_engine
from workshop.store.models import Dot, Idea, Participant, VoteRound, Workshop

ROOT = Path(__file__).resolve().parents[1]
NAIVE = ROOT / "benchmarks" / "naive_room"
PHASES = ["critique", "what_if", "group", "vote", "develop"]
ROLES = list(Role)
BUDGET_PHONES, BUDGET_P95_MS, BUDGET_JOIN_S = 500, 100.0, 3.0
# Issue #15: 1,000 phones in one process.
BUDGET_1000 = (1000, 200.0, 4.0)
BUDGET_IDEAS = {500: 1.0, 1000: 2.0}
IDEAS = {"scenario": "ideas", "per_phone": 3, "window_s": 5.0}
SECRETS = BrowserSecrets.get_full_name()
VOTE = {"scenario": "vote", "dots_per_phone": 5, "vote_timeout_s": 60}
VOTE_CLUSTERS = ["Koulu", "Harrastukset", "Perhe", "Palvelut"]
BUDGET_VOTE_PHONES, BUDGET_DONE_S = 500, 2.0
MULTI_WORKERS = 2
# 2,000 phones x 3 ideas within 5 s is more than one workshop's default ideas_per_workshop.
MULTI_ENV = {"ENTAJOS_IDEAS_PER_WORKSHOP": "20000/minute"}
# The phones run in this many processes (benchmarks/phones.py), beside a coordinator that
# holds the facilitator's tab. 2, because the machine has 2 CPUs: one process of 1,000 phones
# pegs one CPU for seconds after an idea burst, and the app needs the rest; more processes
# than CPUs would only take turns. ``--phone-processes 1`` is the old way (all in one process).
PHONE_PROCESSES = 2

# The app under benchmark trusts loopback as its reverse proxy (see run()).
BENCH_ENV = {"ENTAJOS_TRUSTED_PROXIES": "127.0.0.1"}


def load_generator() -> str:
    """Where the phones were, for the tables."""
    where = "1 process" if PHONE_PROCESSES == 1 else f"{PHONE_PROCESSES} processes"
    return f"phones: {where} on this machine (loopback)"


def _phones_process(spec: dict[str, Any], timeout_s: float) -> dict[str, Any]:
    spec = spec | {"phone_processes": PHONE_PROCESSES, "lean": True}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.phones"],
        input=json.dumps(spec), capture_output=True, text=True, cwd=ROOT, timeout=timeout_s,
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-3000:])
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU seconds of the phones' processes (the coordinator and the phone processes it waited for).
    cpu_s = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return json.loads(done.stdout) | {"phones_cpu_s": cpu_s}


def _our_room(database_url: str, phones: int, phase: str = "lobby") -> tuple[str, str, list[str]]:
    engine = make_engine(database_url)
    with Session(engine) as session, session.begin():
        created = workshops.create_workshop(session, NewWorkshop(title=f"Bench {phones}", challenge="", language="fi"))
        workshop = session.get(Workshop, created.id)
        workshop.phase = phase
        tokens = [
            participants.join(session, workshop, NewParticipant(ROLES[i % len(ROLES)], None)).token
            for i in range(phones)
        ]
    engine.dispose()
    return created.code, created.facilitator_key, tokens


def _our_spec(url: str, code: str, key: str, tokens: list[str]) -> dict[str, Any]:
    return {
        "url": url,
        "phase_var": "room",
        "count_var": "presence",
        "facilitator": {"path": f"/facilitate/{code}",
                        "storage": {f"{SECRETS}.facilitator_keys_rx_state_": json.dumps({code: key})}},
        "phones": [{"path": f"/w/{code}",
                    "storage": {f"{SECRETS}.participant_tokens_rx_state_": json.dumps({code: token})}}
                   for token in tokens],
        "handler": f"{FacilitatorState.get_full_name()}.go_to_phase",
        "argument": "phase",
        "phases": PHASES,
        "expected_count": len(tokens),
        "timeout_s": 60,
    }


def bench_ours(url: str, database_url: str, phones: int) -> dict[str, Any]:
    code, key, tokens = _our_room(database_url, phones)
    return _phones_process(_our_spec(url, code, key, tokens), timeout_s=600)


def _our_ideas_spec(url: str, code: str, key: str, tokens: list[str]) -> dict[str, Any]:
    return _our_spec(url, code, key, tokens) | IDEAS | {
        "wall_var": "wall",
        "mine_var": "my_ideas",
        "idea_handler": f"{ParticipantState.get_full_name()}.add_idea",
        "form": True,
    }


def bench_ours_ideas(url: str, database_url: str, phones: int) -> dict[str, Any]:
    code, key, tokens = _our_room(database_url, phones, phase="what_if")
    result = _phones_process(_our_ideas_spec(url, code, key, tokens), timeout_s=600)
    engine = make_engine(database_url)
    with Session(engine) as session:
        stored = session.scalar(
            select(func.count()).select_from(Idea).join(Workshop, Workshop.id == Idea.workshop_id)
            .where(Workshop.code == code)
        )
    engine.dispose()
    return result | {"ideas_stored": stored}


def _naive_spec(url: str, phones: int, code: str) -> dict[str, Any]:
    # Imported as the naive app's server imports it, so that the state's full name matches.
    sys.path.insert(0, str(NAIVE))
    from naive_room.naive_room import Room

    return {
        "url": url,
        "phase_var": "phase",
        "count_var": "joined",
        "expected_count": phones + 1,  # the facilitator's tab joins too
        "facilitator": {"path": f"/room/{code}", "storage": {}},
        "phones": [{"path": f"/room/{code}", "storage": {}} for _ in range(phones)],
        "handler": f"{Room.get_full_name()}.set_phase",
        "idea_handler": f"{Room.get_full_name()}.add_idea",
        "argument": "phase",
        "phases": PHASES,
        "timeout_s": 240,
    }


def bench_naive(url: str, phones: int, code: str) -> dict[str, Any]:
    return _phones_process(_naive_spec(url, phones, code), timeout_s=1800)


def bench_naive_ideas(url: str, phones: int, code: str) -> dict[str, Any]:
    spec = _naive_spec(url, phones, code) | IDEAS | {"wall_var": "ideas", "timeout_s": 180}
    return _phones_process(spec, timeout_s=1800)


def _our_vote_room(database_url: str, phones: int) -> tuple[str, str, list[str], list[int]]:
    """A workshop in the vote phase with 4 clusters and an open round (5 dots, at most 3 per cluster)."""
    code, key, tokens = _our_room(database_url, phones, phase="vote")
    engine = make_engine(database_url)
    with Session(engine) as session, session.begin():
        workshop = session.scalar(select(Workshop).where(Workshop.code == code))
        ids = [clusters.create(session, workshop, name).id for name in VOTE_CLUSTERS]
        voting.open_round(session, workshop, vote_rules.parse_round("cluster", VOTE["dots_per_phone"], 3))
    engine.dispose()
    return code, key, tokens, ids


def _stored_votes(database_url: str, code: str) -> dict[str, Any]:
    """The round's dots as the database holds them: in all, per cluster, per role and cluster."""
    engine = make_engine(database_url)
    with Session(engine) as session:
        workshop = session.scalar(select(Workshop).where(Workshop.code == code))
        round_id = session.scalar(select(func.max(VoteRound.id)).where(VoteRound.workshop_id == workshop.id))
        rows = session.execute(
            select(Participant.role, Dot.cluster_id, func.count())
            .join(Participant, Participant.id == Dot.participant_id)
            .where(Dot.workshop_id == workshop.id, Dot.round_id == round_id)
            .group_by(Participant.role, Dot.cluster_id)
        ).all()
    engine.dispose()
    overall: dict[int, int] = {}
    by_role: dict[str, dict[int, int]] = {}
    for role, cluster, count in rows:
        overall[cluster] = overall.get(cluster, 0) + count
        by_role.setdefault(str(getattr(role, "value", role)), {})[cluster] = count
    return {"stored": sum(overall.values()), "overall": overall, "by_role": by_role}


def _matches_database(result: dict[str, Any] | None, stored: dict[str, Any]) -> bool:
    """Whether a revealed tally (overall and by role) counts the same dots as the database."""
    if not result:
        return False
    overall = {p["id"]: p["dots"] for p in result.get("overall") or () if p["dots"]}
    by_role = {r["role"]: {p["id"]: p["dots"] for p in r["placings"] if p["dots"]}
               for r in result.get("by_role") or () if r["dots"]}
    return (overall == stored["overall"] and by_role == stored["by_role"]
            and result.get("total_dots") == stored["stored"])


def _vote_details(name: str, result: dict[str, Any], stored: dict[str, Any] | None) -> None:
    """The run's finer figures on stderr (the table shows the headline)."""
    details = {k: v for k, v in result.items() if k != "facilitator_result"}
    print(f"  {name} vote details: {json.dumps(details)}", file=sys.stderr)
    print(f"  {name} revealed on the facilitator's screen: {json.dumps(result.get('facilitator_result'))}",
          file=sys.stderr)
    if stored is not None:
        print(f"  {name} database: {json.dumps(stored)}", file=sys.stderr)


def _our_vote_spec(url: str, code: str, key: str, tokens: list[str], ids: list[int]) -> dict[str, Any]:
    return _our_spec(url, code, key, tokens) | VOTE | {
        "vote_style": "ours",
        "voters": len(tokens),
        "items": ids,
        "dot_handler": f"{ParticipantState.get_full_name()}.add_dot",
        "dot_argument": "item_id",
        "reveal_handler": f"{FacilitatorState.get_full_name()}.reveal_round",
    }


def bench_ours_vote(url: str, database_url: str, phones: int) -> dict[str, Any]:
    code, key, tokens, ids = _our_vote_room(database_url, phones)
    result = _phones_process(_our_vote_spec(url, code, key, tokens, ids), timeout_s=900)
    stored = _stored_votes(database_url, code)
    _vote_details("socket.io room", result, stored)
    return result | {"stored": stored["stored"],
                     "result_matches_db": _matches_database(result.get("facilitator_result"), stored)}


def bench_naive_vote(url: str, phones: int, code: str) -> dict[str, Any]:
    sys.path.insert(0, str(NAIVE))
    from naive_room.naive_room import Room

    spec = _naive_spec(url, phones, code) | VOTE | {
        "vote_style": "naive",
        "voters": phones,
        "items": [str(i) for i in range(len(VOTE_CLUSTERS))],
        "dot_handler": f"{Room.get_full_name()}.add_dot",
        "dot_argument": "item",
        "reveal_handler": f"{Room.get_full_name()}.reveal",
    }
    result = _phones_process(spec, timeout_s=1800)
    # No database: what the naive room's state holds, as its reveal showed it on the facilitator's screen.
    shown = result.get("facilitator_result")
    _vote_details("naive rx.SharedState", result, None)
    return result | {"stored": shown["total_dots"] if shown else None, "result_matches_db": None,
                     "stored_note": None if shown else f"{result.get('facilitator_total')} shown, no reveal"}


def _cell(value: float | None, digits: int = 0) -> str:
    return "timeout" if value is None else f"{value:,.{digits}f}"


def print_where(rows: list[tuple[str, dict[str, Any]]]) -> None:
    """Where the phones were, and per row how late the busiest phone process's event loop ran
    (in the phase changes, the idea burst or the dot burst: a late loop delays every arrival
    it records, so the figures then measure the phones too) and the CPU time the phones took."""
    lags = [f"{name} {r['phones']}: {_cell(r['phones_process_loop_lag_max_ms'])}" for name, r in rows
            if r.get("phones_process_loop_lag_max_ms") is not None]
    cpu = [f"{name} {r['phones']}: {_cell(r['phones_cpu_s'], 1)}" for name, r in rows if r.get("phones_cpu_s")]
    print(load_generator() + (f"; worst event-loop lag of a phone process (ms): {', '.join(lags)}" if lags else "")
          + (f"; CPU time of all phone processes (s): {', '.join(cpu)}" if cpu else ""))


def print_table(rows: list[tuple[str, dict[str, Any]]]) -> None:
    header = ("room", "phones", "joins settled (s)", "phase p50 (ms)", "p95 (ms)", "max (ms)", "missed")
    lines = [header] + [
        (name, str(r["phones"]), _cell(r["join_settle_s"], 2), _cell(r["phase_p50_ms"]),
         _cell(r["phase_p95_ms"]), _cell(r["phase_max_ms"]), str(r["missed"]))
        for name, r in rows
    ]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    for index, line in enumerate(lines):
        print("| " + " | ".join(cell.ljust(w) for cell, w in zip(line, widths)) + " |")
        if index == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    print_where(rows)


def print_idea_table(rows: list[tuple[str, dict[str, Any]]]) -> None:
    header = ("room", "phones", "ideas sent", "confirmed", "stored", "lost",
              "all screens hold all, after last send (s)", "after first (s)", "screens complete",
              "ideas received per idea and phone")
    lines = [header]
    for name, r in rows:
        stored = r.get("ideas_stored")
        lost = "n/a" if stored is None else str(r["ideas_sent"] - stored)
        lines.append((name, str(r["phones"]), str(r["ideas_sent"]), str(r.get("ideas_confirmed") or "n/a"),
                       "n/a" if stored is None else str(stored), lost,
                       _cell(r["all_screens_s_after_last"], 2), _cell(r["all_screens_s_after_first"], 2),
                       f"{r['screens_complete']}/{r['phones']}", _cell(r.get("idea_copies_per_idea"), 1)))
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    for index, line in enumerate(lines):
        print("| " + " | ".join(cell.ljust(w) for cell, w in zip(line, widths)) + " |")
        if index == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    print_where(rows)
    print("(ideas received per idea and phone: 1.0 would be each idea sent once, as a merge in the"
          " browser would; the whole wall: every change resends every idea)")
    for phones, limit in BUDGET_IDEAS.items():
        for name, r in rows:
            if name == "socket.io room" and r["phones"] == phones:
                after = r["all_screens_s_after_last"]
                ok = after is not None and after < limit and r.get("ideas_stored") == r["ideas_sent"]
                print(f"idea budget at {phones} phones (every screen holds all < {limit:.0f} s after the last"
                      f" send, none lost): " + ("met" if ok else "NOT met"))


def print_vote_table(rows: list[tuple[str, dict[str, Any]]]) -> None:
    header = ("room", "phones", "dots sent", "accepted", "stored", "lost", "extra", "last answer (s)",
              "'used all' right on every screen (s)", "screens right",
              "reveal on every screen (s)", "results identical", "result = database")
    lines = [header]
    for name, r in rows:
        sent, accepted, stored = r.get("dots_sent"), r.get("accepted"), r.get("stored")
        counted = None not in (accepted, stored)
        screens = r.get("screens")
        revealed = r.get("screens_revealed", 0)
        same = revealed == screens and r.get("distinct_results") == 1 and not r.get("changed_after_reveal")
        identical = ("n/a" if screens is None else "yes" if same else "timeout (no screen revealed)" if not revealed
                     else f"no ({revealed}/{screens} revealed, {r.get('distinct_results')} distinct,"
                          f" {r.get('changed_after_reveal')} changed)")
        matches = r.get("result_matches_db")
        lines.append((
            name, str(r["phones"]), str(sent if sent is not None else "n/a"),
            str(accepted if accepted is not None else "n/a"),
            str(stored) if stored is not None else r.get("stored_note") or "n/a",
            str(max(0, accepted - stored)) if counted else "n/a", str(max(0, stored - accepted)) if counted else "n/a",
            _cell(r.get("last_answer_s_after_last_tap"), 2), _cell(r.get("done_settle_s"), 2),
            f"{r.get('screens_done_right', 0)}/{screens or 'n/a'}",
            _cell(r.get("reveal_settle_s"), 2), identical,
            "n/a (no database)" if matches is None else ("yes" if matches else "NO"),
        ))
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    for index, line in enumerate(lines):
        print("| " + " | ".join(cell.ljust(w) for cell, w in zip(line, widths)) + " |")
        if index == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    print_where(rows)
    print("(seconds after the last tap was sent, the reveal's after the facilitator sent it; 'last answer': the"
          " server's answer to the last tap reached its phone; screens: every phone and the facilitator's)")
    for name, r in rows:
        if name == "socket.io room" and r["phones"] == BUDGET_VOTE_PHONES:
            ok = (r.get("done_settle_s") is not None and r["done_settle_s"] < BUDGET_DONE_S
                  and r.get("accepted") == r.get("stored") == r.get("dots_sent")
                  and r.get("screens_done_right") == r.get("screens")
                  and r.get("distinct_results") == 1 and r.get("result_matches_db"))
            print(f"vote budget at {BUDGET_VOTE_PHONES} phones (no dot lost or extra, 'used all' right on every"
                  f" screen < {BUDGET_DONE_S:.0f} s after the last tap, one result everywhere = database): "
                  + ("met" if ok else "NOT met"))


TABLES = ("room", "ideas", "whole-wall", "vote", "naive", "multi", "limiter", "emit", "grouping", "tabs")
# The idea burst again on an app that resends the whole wall on every change (as before
# the wall travelled in shards), in the same run: the setting wall_shards=1.
WHOLE_WALL = "socket.io room, whole wall"


def _profiler(process: subprocess.Popen[bytes], out: Path) -> subprocess.Popen[bytes]:
    """``py-spy record`` on the app's process and its children (the backend worker),
    writing a flame graph (``out``.svg) and collapsed stacks (``out``.txt)."""
    spy = str(Path(sys.executable).parent / "py-spy")
    out.parent.mkdir(parents=True, exist_ok=True)
    return subprocess.Popen(
        [spy, "record", "--pid", str(process.pid), "--subprocesses", "--rate", "100",
         "--format", "raw", "--output", str(out.with_suffix(".txt")), "--nonblocking"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def _stop_profiler(spy: subprocess.Popen[bytes] | None, out: Path) -> None:
    if spy is None:
        return
    spy.send_signal(signal.SIGINT)  # py-spy writes its output on SIGINT
    try:
        spy.wait(timeout=60)
    except subprocess.TimeoutExpired:
        spy.kill()
    if out.with_suffix(".txt").exists():
        print(f"  profile: {out.with_suffix('.txt')} (collapsed stacks; "
              f"python -m benchmarks.profile_top {out.with_suffix('.txt')} sums them)", file=sys.stderr)


def bench_multi(workdir: Path, phone_counts: list[int]) -> list[dict[str, Any]]:
    """Each count of phones against ``MULTI_WORKERS`` workers: phases, ideas, dots."""
    import pytest

    from tests.live.workers import several_workers

    rows = []
    workdir.mkdir(exist_ok=True)
    with contextlib.ExitStack() as stack:
        try:
            app = stack.enter_context(
                several_workers(workdir, workers=MULTI_WORKERS, extra_env=BENCH_ENV | MULTI_ENV))
        except pytest.skip.Exception as missing:  # PostgreSQL or Redis not answering
            print(f"several workers: not measured ({missing})", file=sys.stderr)
            return []
        for phones in phone_counts:
            row: dict[str, Any] = {"phones": phones}
            row["phases"] = bench_ours(app.url, app.database_url, phones)
            print(f"  {MULTI_WORKERS} workers, {phones} phones: done", file=sys.stderr)
            row["ideas"] = bench_ours_ideas(app.url, app.database_url, phones)
            print(f"  {MULTI_WORKERS} workers, {phones} phones x 3 ideas: done", file=sys.stderr)
            row["vote"] = bench_ours_vote(app.url, app.database_url, phones)
            print(f"  {MULTI_WORKERS} workers, {phones} phones x 5 dots: done", file=sys.stderr)
            rows.append(row)
    return rows


def _lost_extra(sent: int | None, stored: int | None) -> tuple[str, str]:
    if sent is None or stored is None:
        return "n/a", "n/a"
    return str(max(0, sent - stored)), str(max(0, stored - sent))


def print_multi_table(rows: list[dict[str, Any]]) -> None:
    header = ("workers", "phones", "joins settled (s)", "phase p95 (ms)", "phase changes missed",
              "ideas: all screens hold all, after last send (s)", "ideas lost", "ideas extra",
              "dots: 'used all' right on every screen (s)", "dots lost", "dots extra", "load generator")
    lines = [header]
    for r in rows:
        phases, ideas, vote = r["phases"], r["ideas"], r["vote"]
        ideas_lost, ideas_extra = _lost_extra(ideas.get("ideas_sent"), ideas.get("ideas_stored"))
        dots_lost, dots_extra = _lost_extra(vote.get("accepted"), vote.get("stored"))
        lines.append((
            f"{MULTI_WORKERS} (PostgreSQL + Redis)", str(r["phones"]), _cell(phases["join_settle_s"], 2),
            _cell(phases["phase_p95_ms"]), str(phases["missed"]),
            _cell(ideas.get("all_screens_s_after_last"), 2), ideas_lost, ideas_extra,
            _cell(vote.get("done_settle_s"), 2), dots_lost, dots_extra, load_generator(),
        ))
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    for index, line in enumerate(lines):
        print("| " + " | ".join(cell.ljust(w) for cell, w in zip(line, widths)) + " |")
        if index == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    print_where([(f"{part} at", r[part]) for r in rows for part in ("phases", "ideas", "vote")])
    print(f"(one run on a shared 2-CPU machine: the {MULTI_WORKERS} workers, PostgreSQL, Redis and the phones"
          " share it, so figures are noisy; ideas and dots as in the tables above; lost = accepted but not"
          " stored, extra = stored beyond what was accepted)")


def main() -> None:
    global PHONE_PROCESSES
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, nargs="*", default=[50, 200, 500, 1000])
    parser.add_argument("--naive-phones", type=int, nargs="*", default=[50, 200])
    parser.add_argument("--idea-phones", type=int, nargs="*", default=[200, 500, 1000])
    parser.add_argument("--naive-idea-phones", type=int, nargs="*", default=[200])
    parser.add_argument("--whole-wall-phones", type=int, nargs="*", default=None,
                        help="phones of the whole-wall idea burst (default: --idea-phones from 500 up)")
    parser.add_argument("--vote-phones", type=int, nargs="*", default=[500, 1000])
    parser.add_argument("--naive-vote-phones", type=int, nargs="*", default=[200])
    parser.add_argument("--only", nargs="+", choices=TABLES, default=None,
                        help="run only these tables (room: joins and phase changes; ideas: the idea burst;"
                             " whole-wall: the idea burst with the wall resent whole, as before;"
                             " limiter: the per-socket event limit's cost per event; emit: one room emit's server side;"
                             " vote: the dot burst; naive: the rx.SharedState rows; grouping), e.g."
                             " --only room --phones 1000")
    parser.add_argument("--profile", type=Path, default=None, metavar="PATH",
                        help="record the app with py-spy while our tables run; collapsed stacks to PATH.txt")
    parser.add_argument("--multi-phones", type=int, nargs="*", default=[1000, 2000])
    parser.add_argument("--phone-processes", type=int, default=PHONE_PROCESSES, metavar="K",
                        help="run the simulated phones in K processes beside a coordinator"
                             f" (default {PHONE_PROCESSES}; 1: all in one process, as before)")
    parser.add_argument("--grouping-only", action="store_true", help="only the grouping suggestion's timing")
    parser.add_argument("--voting-only", action="store_true", help="only the dot-voting burst (ours and naive)")
    args = parser.parse_args()
    PHONE_PROCESSES = max(1, args.phone_processes)
    if args.grouping_only:
        args.only = ["grouping"]
    if args.voting_only:
        args.only = ["vote", "naive"]
        args.naive_phones = args.naive_idea_phones = []
    only = set(args.only or TABLES)
    if not only & {"room", "ideas", "whole-wall", "vote", "naive", "multi"}:
        if "limiter" in only:
            limiter.main()
        if "emit" in only:
            emit.main()
        if "grouping" in only:
            grouping.main()
        if "tabs" in only:
            tab_states.main()
        return
    if "room" not in only:
        args.phones = []
    if args.whole_wall_phones is None:
        args.whole_wall_phones = [n for n in args.idea_phones if n >= 500] or args.idea_phones
    if not only & {"ideas", "whole-wall"}:
        args.idea_phones = []
    if "whole-wall" not in only:
        args.whole_wall_phones = []
    if "vote" not in only:
        args.vote_phones = []
    if "naive" not in only:
        args.naive_phones = args.naive_idea_phones = args.naive_vote_phones = []
    if "multi" not in only:
        args.multi_phones = []
    if only == {"multi"}:
        with tempfile.TemporaryDirectory() as scratch:
            print_multi_table(bench_multi(Path(scratch) / "multi", args.multi_phones))
        return

    rows: list[tuple[str, dict[str, Any]]] = []
    idea_rows: list[tuple[str, dict[str, Any]]] = []
    vote_rows: list[tuple[str, dict[str, Any]]] = []
    with tempfile.TemporaryDirectory() as scratch:
        # The phones all come from loopback; the app believes loopback's X-Forwarded-For
        # (as behind a reverse proxy) and each phone gives an address of its own, so the
        # default socket limits stay on and are not triggered (README, Privacy and security).
        our_idea_phones = args.idea_phones if "ideas" in only else []
        if args.phones or our_idea_phones or args.vote_phones:
            server, process = start_app(Path(scratch), extra_env=BENCH_ENV)
            spy = _profiler(process, args.profile) if args.profile else None
            try:
                for phones in args.phones:
                    rows.append(("socket.io room", bench_ours(server.url, server.database_url, phones)))
                    print(f"  socket.io room, {phones} phones: done", file=sys.stderr)
                for phones in our_idea_phones:
                    idea_rows.append(("socket.io room", bench_ours_ideas(server.url, server.database_url, phones)))
                    print(f"  socket.io room, {phones} phones x 3 ideas: done", file=sys.stderr)
                for phones in args.vote_phones:
                    vote_rows.append(("socket.io room", bench_ours_vote(server.url, server.database_url, phones)))
                    print(f"  socket.io room, {phones} phones x 5 dots: done", file=sys.stderr)
            finally:
                _stop_profiler(spy, args.profile)
                stop_app(process)
        if args.whole_wall_phones:
            whole_dir = Path(scratch) / "whole"
            whole_dir.mkdir()
            server, process = start_app(whole_dir, extra_env=BENCH_ENV | {"ENTAJOS_WALL_SHARDS": "1"})
            try:
                for phones in args.whole_wall_phones:
                    idea_rows.append((WHOLE_WALL, bench_ours_ideas(server.url, server.database_url, phones)))
                    print(f"  {WHOLE_WALL}, {phones} phones x 3 ideas: done", file=sys.stderr)
            finally:
                stop_app(process)
        if args.naive_phones or args.naive_idea_phones or args.naive_vote_phones:
            naive_dir = Path(scratch) / "naive"
            naive_dir.mkdir()
            server, process = start_app(naive_dir, project=NAIVE, bootstrap=False,
                                        extra_env={"PYTHONPATH": str(NAIVE)})
            try:
                for phones in args.naive_phones:
                    rows.append(("naive rx.SharedState", bench_naive(server.url, phones, f"naive{phones}t{int(time.time())}")))
                    print(f"  naive room, {phones} phones: done", file=sys.stderr)
                for phones in args.naive_idea_phones:
                    idea_rows.append(("naive rx.SharedState",
                                      bench_naive_ideas(server.url, phones, f"ideas{phones}t{int(time.time())}")))
                    print(f"  naive room, {phones} phones x 3 ideas: done", file=sys.stderr)
                for phones in args.naive_vote_phones:
                    vote_rows.append(("naive rx.SharedState",
                                      bench_naive_vote(server.url, phones, f"vote{phones}t{int(time.time())}")))
                    print(f"  naive room, {phones} phones x 5 dots: done", file=sys.stderr)
            finally:
                stop_app(process)
        multi_rows = bench_multi(Path(scratch) / "multi", args.multi_phones) if args.multi_phones else []

    if rows:
        print_table(rows)
        print_budgets(rows)
    if idea_rows:
        print()
        print_idea_table(idea_rows)
    if vote_rows:
        print()
        print_vote_table(vote_rows)
    if multi_rows:
        print()
        print_multi_table(multi_rows)
    if "limiter" in only:
        print()
        limiter.main()
    if "emit" in only:
        print()
        emit.main()
    if "grouping" in only:
        print()
        grouping.main()
    if "tabs" in only:
        print()
        tab_states.main()


def print_budgets(rows: list[tuple[str, dict[str, Any]]]) -> None:
    ours = {r["phones"]: r for name, r in rows if name == "socket.io room"}
    for name, naive in rows:
        if name.startswith("naive") and naive["phones"] in ours:
            mine = ours[naive["phones"]]
            for label, key in (("phase p95", "phase_p95_ms"), ("joins settled", "join_settle_s")):
                if naive[key] and mine[key]:
                    print(f"ratio at {naive['phones']} phones, {label}: naive / socket.io room = {naive[key] / mine[key]:,.1f}x")
    for phones, p95_ms, join_s in ((BUDGET_PHONES, BUDGET_P95_MS, BUDGET_JOIN_S), BUDGET_1000):
        if phones in ours:
            r = ours[phones]
            ok = (r["phase_p95_ms"] or 1e9) < p95_ms and (r["join_settle_s"] or 1e9) < join_s and not r["missed"]
            print(f"budget at {phones} phones (phase p95 < {p95_ms:.0f} ms, joins < {join_s:.0f} s, none missed): "
                  + ("met" if ok else "NOT met"))


if __name__ == "__main__":
    main()
