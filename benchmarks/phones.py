"""The phones of one benchmark run, in a process of their own (``python -m benchmarks.phones``).

Reads a JSON scenario on stdin, prints JSON figures on stdout. N phones
connect at once to the real server over loopback; a facilitator tab then
changes the phase a few times, and each phone notes when it saw each change.
Every wait is bounded: a scenario that does not settle reports None instead
of hanging.

With ``"phone_processes": K`` (K > 1) in the scenario this process is the
coordinator: it keeps the facilitator's tab, starts K phone processes
(``python -m benchmarks.phones --worker START END``, each with a run of
consecutive phones), tells them over their stdin when to connect, when a burst
starts and which phase to wait for, and merges their answers (JSON lines on
their stdout) into the same figures one process gives. Arrival times are
``time.perf_counter()``: CLOCK_MONOTONIC on Linux, one clock for every process
of the machine, so times taken in different processes subtract.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import sys
import time
import traceback
from pathlib import Path
from typing import Any

from benchmarks.reflex_socket import ReflexTab

CONNECT_AT_ONCE = 100  # concurrent handshakes (over all processes); the rest queue behind them
ROOT = Path(__file__).resolve().parents[1]


def phase_of(value: Any) -> Any:
    """Our room view carries the phase inside ``room``; the naive room as a plain var."""
    return value.get("phase") if isinstance(value, dict) else value


def count_of(value: Any) -> int:
    """Our presence carries ``total``; the naive room a plain ``joined`` number."""
    return int(value.get("total", 0)) if isinstance(value, dict) else int(value)


def ideas_in(value: Any) -> int:
    """Ideas a screen holds: our wall is a list of groups, the naive room a flat list."""
    if value and isinstance(value[0], dict):
        return sum(len(group.get("ideas", ())) for group in value)
    return len(value or ())


class Watch:
    """First arrival of each phase, the latest head-count, when each idea count was first
    reached, and how many of its own ideas the server confirmed, per tab (cheap to check)."""

    def __init__(self, phase_var: str, count_var: str, wall_var: str = "", mine_var: str = "") -> None:
        self.phase_key = f"{phase_var}_rx_state_"
        self.count_key = f"{count_var}_rx_state_"
        self.wall_key = f"{wall_var}_rx_state_"
        # Our wall travels in shards wall_0 … wall_63 (workshop.domain.wall): a screen holds
        # the latest value of each; the naive room's is one list.
        self.shard_prefix = f"{wall_var}_" if wall_var else None
        self.shards: dict[int, dict[str, int]] = {}
        # Ideas received in all wall updates, per tab: with a merge in the browser each
        # idea would arrive once; resending a whole wall or shard brings it again.
        self.copies: dict[int, int] = {}
        self.mine_key = f"{mine_var}_rx_state_"
        self.first_phase: dict[int, dict[Any, float]] = {}
        self.count: dict[int, tuple[int, float]] = {}
        self.wall: dict[int, tuple[int, float]] = {}
        self.confirmed: dict[int, int] = {}

    def __call__(self, tab: ReflexTab, at: float, update: dict[str, Any]) -> None:
        for values in update.get("delta", {}).values():
            if self.phase_key in values:
                self.first_phase.setdefault(id(tab), {}).setdefault(phase_of(values[self.phase_key]), at)
            if self.count_key in values:
                self.count[id(tab)] = (count_of(values[self.count_key]), at)
            if self.wall_key in values:
                held = ideas_in(values[self.wall_key])
                self.copies[id(tab)] = self.copies.get(id(tab), 0) + held
                self._held(tab, at, held)
            elif self.shard_prefix:
                shards = [(key, value) for key, value in values.items()
                          if key.startswith(self.shard_prefix) and key[len(self.shard_prefix)].isdigit()]
                if shards:
                    mine = self.shards.setdefault(id(tab), {})
                    mine.update((key, len(value or ())) for key, value in shards)
                    self.copies[id(tab)] = self.copies.get(id(tab), 0) + sum(len(v or ()) for _, v in shards)
                    self._held(tab, at, sum(mine.values()))
            if self.mine_key in values:
                self.confirmed[id(tab)] = len(values[self.mine_key] or ())

    def _held(self, tab: ReflexTab, at: float, held: int) -> None:
        if held > self.wall.get(id(tab), (-1, 0.0))[0]:
            self.wall[id(tab)] = (held, at)

    def phase_at(self, tab: ReflexTab, phase: Any = None) -> float | None:
        seen = self.first_phase.get(id(tab), {})
        if phase is None:
            return min(seen.values()) if seen else None
        return seen.get(phase)


class VoteWatch:
    """The dot vote as each tab sees it: the "used all their dots" count (when it first
    reached the expected number, and its latest value), the dots total, the revealed
    result (when it first arrived, the first and the latest), and per phone how many of
    its taps the server's answers accepted.

    Our room pushes one ``tally`` dict and answers each phone with its own ``my_dots``;
    the naive room shares plain ``done``, ``dots`` (item -> dots), ``revealed`` and
    ``spent`` (client token -> {item: dots}) with everyone.
    """

    def __init__(self, spec: dict[str, Any]) -> None:
        self.naive = spec.get("vote_style") == "naive"
        self.expected = int(spec["voters"])
        self.done: dict[int, int] = {}
        self.done_at: dict[int, float] = {}
        self.total: dict[int, int] = {}
        self.revealed_at: dict[int, float] = {}
        self.first_result: dict[int, str] = {}
        self.result: dict[int, str] = {}
        self.held: dict[int, dict[str, int]] = {}  # naive: the latest dots per item
        self.mine: dict[int, int] = {}  # dots the server's answers say this phone holds
        self.accepted: dict[int, int] = {}
        self.answers: dict[int, int] = {}
        self.last_answer = 0.0
        self.tallies = 0  # count updates received by all screens once the burst starts
        self.counting = False  # answers are counted once the burst starts
        self.seated: set[int] = set()  # phones whose page load has answered

    def _done(self, tab: ReflexTab, at: float, done: int) -> None:
        self.done[id(tab)] = done
        self.tallies += self.counting
        if done >= self.expected:
            self.done_at.setdefault(id(tab), at)

    def _result(self, tab: ReflexTab, at: float, result: Any) -> None:
        text = json.dumps(result, sort_keys=True)
        self.result[id(tab)] = text
        self.first_result.setdefault(id(tab), text)
        self.revealed_at.setdefault(id(tab), at)

    def _mine(self, tab: ReflexTab, held: int) -> None:
        before = self.mine.get(id(tab), 0)
        if self.counting:
            self.answers[id(tab)] = self.answers.get(id(tab), 0) + 1
            self.last_answer = time.perf_counter()
            self.accepted[id(tab)] = self.accepted.get(id(tab), 0) + max(0, held - before)
        self.mine[id(tab)] = held

    def __call__(self, tab: ReflexTab, at: float, update: dict[str, Any]) -> None:
        for values in update.get("delta", {}).values():
            if self.naive:
                self._naive(tab, at, values)
                continue
            if values.get("role_rx_state_"):  # set by the page load, after the room view arrived
                self.seated.add(id(tab))
            if "my_dots_rx_state_" in values:
                self._mine(tab, sum((values["my_dots_rx_state_"] or {}).values()))
            tally = values.get("tally_rx_state_")
            if isinstance(tally, dict):
                self._done(tab, at, int(tally.get("done", 0)))
                self.total[id(tab)] = int(tally.get("total_dots", 0))
                if tally.get("status") == "revealed":
                    self._result(tab, at, {"total_dots": tally.get("total_dots"), "overall": tally.get("overall"),
                                           "by_role": tally.get("by_role")})

    def _naive(self, tab: ReflexTab, at: float, values: dict[str, Any]) -> None:
        if "dots_rx_state_" in values:
            self.held[id(tab)] = dict(values["dots_rx_state_"] or {})
            self.total[id(tab)] = sum(self.held[id(tab)].values())
            if id(tab) in self.revealed_at:
                self._result(tab, at, {"total_dots": self.total[id(tab)], "overall": self.held[id(tab)]})
        if "spent_rx_state_" in values:
            self.seated.add(id(tab))
            self._mine(tab, sum(((values["spent_rx_state_"] or {}).get(tab.token) or {}).values()))
        if "done_rx_state_" in values:
            self._done(tab, at, int(values["done_rx_state_"]))
        if values.get("revealed_rx_state_") and id(tab) not in self.revealed_at:
            held = self.held.get(id(tab), {})
            self._result(tab, at, {"total_dots": sum(held.values()), "overall": held})


async def _until(check, timeout: float, step: float = 0.01) -> bool:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if check():
            return True
        await asyncio.sleep(step)
    return check()


async def _sleep_until(moment: float) -> None:
    await asyncio.sleep(max(0.0, moment - time.perf_counter()))


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


class _LoopLag:
    """How late this process's event loop ran a 10 ms ticker (a busy client process delays
    every arrival time it records). Started and stopped around each burst; ``worst`` keeps
    the worst over all of them."""

    def __init__(self) -> None:
        self.worst = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _tick(self) -> None:
        while True:
            before = time.perf_counter()
            await asyncio.sleep(0.01)
            self.worst = max(self.worst, time.perf_counter() - before - 0.01)

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._tick())

    def stop(self) -> None:
        if self._task:
            self._task.cancel()
            self._task = None


class _OrJson:
    """orjson as python-socketio's JSON module (its ``dumps`` passes ``separators``)."""

    def __init__(self, orjson: Any) -> None:
        self._orjson = orjson
        self.loads = orjson.loads

    def dumps(self, value: Any, **_options: Any) -> str:
        return self._orjson.dumps(value, option=self._orjson.OPT_NON_STR_KEYS).decode()


def _fast_json() -> Any:
    """The phones' JSON: orjson (requirements.txt), else the standard library's without
    engineio's per-integer hook. Every update a phone receives is parsed once."""
    try:
        import orjson
    except ImportError:
        return json
    return _OrJson(orjson)


class Phones:
    """Phones ``start`` … ``end - 1`` of the scenario (and the facilitator's tab in the process
    that has it), with watches of their own: one group per process. The coordinator asks every
    group the same questions (``call``) and merges the answers; arrival times are
    ``time.perf_counter()``, CLOCK_MONOTONIC on Linux, one clock for every process of the machine."""

    OPS = ("seat_facilitator", "connect", "phase", "ideas", "seated", "vote", "revealed", "results", "loop_lag")

    def __init__(self, spec: dict[str, Any], start: int, end: int, facilitator: bool) -> None:
        self.spec, self.start = spec, start
        self.watch = Watch(spec["phase_var"], spec["count_var"], spec.get("wall_var", ""), spec.get("mine_var", ""))
        self.votes = VoteWatch(spec) if spec.get("scenario") == "vote" else None
        listeners = [self.watch, *([self.votes] if self.votes else [])]
        # The benchmark's processes keep no update history and parse with a faster JSON (tests
        # that run a scenario in their own process keep ReflexTab's defaults). python-socketio's
        # JSON module holds for the whole process, so a coordinator with no phones (the tests'
        # own process, with phone processes) keeps the standard one for its one tab.
        options = {"keep_updates": False} if spec.get("lean") else {}
        if spec.get("lean") and end > start:
            options["json"] = _fast_json()
        self.facilitator = ReflexTab(spec["url"], spec["facilitator"]["path"], storage=spec["facilitator"]["storage"],
                                     listeners=listeners, **options) if facilitator else None
        # Each phone as if from a phone of its own behind the app's trusted proxy (loopback, see
        # benchmarks/run.py), so the sockets-per-address limit counts them as people, not as one.
        self.phones = [ReflexTab(spec["url"], p["path"], storage=p["storage"], listeners=listeners,
                                 headers={"X-Forwarded-For": f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"},
                                 **options)
                       for n, p in enumerate(spec["phones"][start:end], start)]
        self.screens = [*self.phones, *([self.facilitator] if self.facilitator else [])]
        self.lag = _LoopLag()

    async def call(self, op: str, **args: Any) -> dict[str, Any]:
        if op not in self.OPS:
            raise ValueError(op)
        return await getattr(self, op)(**args)

    def counted(self) -> float | None:
        """When the facilitator's head-count first showed everyone (the latest count's arrival)."""
        count, at = self.watch.count.get(id(self.facilitator), (0, 0.0))
        return at if count >= self.spec["expected_count"] else None

    async def seat_facilitator(self) -> dict[str, Any]:
        await self.facilitator.connect()
        await _until(lambda: self.watch.phase_at(self.facilitator) is not None, 30)
        return {}

    async def connect(self, timeout: float, at_once: int) -> dict[str, Any]:
        """Connect every phone (``at_once`` handshakes at a time); when did the last one hold the room?"""
        gate = asyncio.Semaphore(at_once)

        async def connect(phone: ReflexTab) -> None:
            async with gate:
                await phone.connect()

        await asyncio.gather(*(connect(phone) for phone in self.phones))
        settled = await _until(lambda: all(self.watch.phase_at(p) is not None for p in self.phones), timeout)
        last = max((self.watch.phase_at(p) for p in self.phones), default=None) if settled else None
        return {"settled": settled, "last_phase_at": last}

    async def phase(self, target: Any, timeout: float) -> dict[str, Any]:
        """When each phone first saw ``target`` (None: not within ``timeout``)."""
        self.lag.start()
        await _until(lambda: all(self.watch.phase_at(p, target) is not None for p in self.phones), timeout)
        self.lag.stop()
        return {"at": [self.watch.phase_at(p, target) for p in self.phones]}

    async def loop_lag(self) -> dict[str, Any]:
        return {"lag_ms": self.lag.worst * 1000}

    async def ideas(self, first: float, timeout: float) -> dict[str, Any]:
        """Every phone sends ``per_phone`` ideas at random moments within ``window_s`` from
        ``first``; then wait until every phone holds all ideas of all phones."""
        spec = self.spec
        expected = spec["per_phone"] * len(spec["phones"])
        moments = _moments(spec, self.start, self.start + len(self.phones))

        async def send_all(index: int, phone: ReflexTab, mine: list[float]) -> None:
            for n, moment in enumerate(mine):
                await _sleep_until(first + moment)
                await phone.send(spec["idea_handler"], **_idea_payload(spec, index, n))

        self.lag.start()
        await asyncio.gather(*(send_all(self.start + i, p, moments[i]) for i, p in enumerate(self.phones)))
        last = time.perf_counter() if self.phones else None
        wall = self.watch.wall
        everyone = await _until(lambda: all(wall.get(id(p), (0, 0.0))[0] >= expected for p in self.phones), timeout)
        self.lag.stop()
        return {
            "last": last,
            "held_at": max((wall[id(p)][1] for p in self.phones), default=None) if everyone else None,
            "complete": sum(wall.get(id(p), (0, 0.0))[0] >= expected for p in self.phones),
            "copies": sum(self.watch.copies.get(id(p), 0) for p in self.phones),
            "confirmed": sum(self.watch.confirmed.get(id(p), 0) for p in self.phones),
            "lag_ms": self.lag.worst * 1000,
        }

    async def seated(self, timeout: float) -> dict[str, Any]:
        """Each phone's page load answers after the room view arrived (which is all the join
        settling waits for): wait for those answers too, so that every answer counted in the
        burst answers a tap."""
        return {"seated": await _until(lambda: all(id(p) in self.votes.seated for p in self.phones), timeout)}

    async def vote(self, first: float, wait_s: float) -> dict[str, Any]:
        """From ``first`` every phone spends its dots as fast as it can (each tap sent right after
        the previous one, answers not awaited); then wait until every screen counts everyone
        as having used all their dots, and every tap is answered."""
        spec, votes = self.spec, self.votes
        items, plan = spec["items"], _dot_plan(spec)

        async def tap_all(index: int, phone: ReflexTab) -> None:
            for n in plan:
                await phone.send(spec["dot_handler"], **{spec["dot_argument"]: items[(index % 3 + n) % len(items)]})

        self.lag.start()
        votes.counting = True
        await _sleep_until(first)
        await asyncio.gather(*(tap_all(self.start + i, p) for i, p in enumerate(self.phones)))
        last = time.perf_counter() if self.phones else None
        settled = await _until(lambda: all(id(s) in votes.done_at for s in self.screens), wait_s)
        if not votes.naive:  # our phones get an answer per tap
            answered = await _until(lambda: all(votes.answers.get(id(p), 0) >= len(plan) for p in self.phones), 10)
        else:
            answered = await _until(lambda: all(votes.mine.get(id(p), 0) >= len(plan) for p in self.phones), 10)
        self.lag.stop()
        return {
            "last": last,
            "done_at": max(votes.done_at[id(s)] for s in self.screens) if settled else None,
            "answered": answered,
            "last_answer": votes.last_answer,
            "answers": sum(votes.answers.values()),
            "accepted": sum(votes.accepted.get(id(p), 0) for p in self.phones),
            "held": sum(votes.mine.get(id(p), 0) for p in self.phones),
            "tallies": votes.tallies,
            "done": [votes.done.get(id(s), -1) for s in self.screens],
            "totals": [votes.total.get(id(s), -1) for s in self.screens],
            "lag_ms": self.lag.worst * 1000,
        }

    async def revealed(self, wait_s: float) -> dict[str, Any]:
        votes = self.votes
        revealed = await _until(lambda: all(id(s) in votes.revealed_at for s in self.screens), wait_s)
        return {"all": revealed, "at": max(votes.revealed_at[id(s)] for s in self.screens) if revealed else None}

    async def results(self) -> dict[str, Any]:
        """The result each screen shows now, and how many changed since they first showed one."""
        votes, fac = self.votes, self.facilitator
        shown = [s for s in self.screens if id(s) in votes.result]
        return {
            "results": [votes.result[id(s)] for s in shown],
            "changed": sum(votes.first_result[id(s)] != votes.result[id(s)] for s in shown),
            "facilitator_total": votes.total.get(id(fac)) if fac else None,
            "facilitator_result": json.loads(votes.result[id(fac)]) if fac and id(fac) in votes.result else None,
        }

    async def close(self) -> None:
        await asyncio.gather(*(s.close() for s in self.screens), return_exceptions=True)


class RemotePhones:
    """A group of phones in a process of its own (``python -m benchmarks.phones --worker START END``),
    asked over its stdin and answering on its stdout, one JSON line each."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process

    @classmethod
    async def start(cls, spec: dict[str, Any], start: int, end: int) -> RemotePhones:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "benchmarks.phones", "--worker", str(start), str(end),
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, limit=2**26, cwd=ROOT,
        )
        remote = cls(process)
        await remote._ask(spec)  # answered once its phones are made
        return remote

    async def _ask(self, message: dict[str, Any]) -> dict[str, Any]:
        self.process.stdin.write(json.dumps(message).encode() + b"\n")
        await self.process.stdin.drain()
        line = await self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"phone process {self.process.pid} ended (exit {await self.process.wait()})")
        answer = json.loads(line)
        if "error" in answer:
            raise RuntimeError(f"phone process {self.process.pid}: {answer['error']}")
        return answer["ok"]

    async def call(self, op: str, **args: Any) -> dict[str, Any]:
        return await self._ask({"op": op, "args": args})

    async def close(self) -> None:
        if self.process.returncode is None:
            with contextlib.suppress(RuntimeError, ConnectionError):
                await self._ask({"op": "close", "args": {}})
            self.process.stdin.close()
            try:
                await asyncio.wait_for(self.process.wait(), 30)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()


async def _worker(start: int, end: int) -> None:
    """One phone process: the scenario on the first line, then one question a line."""
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=2**26)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    out = sys.stdout.buffer

    def answer(message: dict[str, Any]) -> None:
        out.write(json.dumps(message).encode() + b"\n")
        out.flush()

    group = Phones(json.loads(await reader.readline()), start, end, facilitator=False)
    answer({"ok": {}})
    while line := await reader.readline():
        question = json.loads(line)
        if question["op"] == "close":
            await group.close()
            answer({"ok": {}})
            return
        try:
            answer({"ok": await group.call(question["op"], **question["args"])})
        except Exception:  # noqa: BLE001 - told to the coordinator, which raises it
            answer({"error": traceback.format_exc()[-3000:]})
    await group.close()


def _moments(spec: dict[str, Any], start: int, end: int) -> list[list[float]]:
    """When phones ``start`` … ``end - 1`` send their ideas (seconds into the window, sorted):
    phone i's are draws i * per_phone … of one generator, whichever process it is in."""
    per_phone, window = spec["per_phone"], float(spec["window_s"])
    rng = random.Random(7)
    for _ in range(start * per_phone):
        rng.uniform(0, window)
    return [sorted(rng.uniform(0, window) for _ in range(per_phone)) for _ in range(start, end)]


def _slices(count: int, parts: int) -> list[tuple[int, int]]:
    """``count`` phones in ``parts`` runs of consecutive indexes, as even as can be."""
    bounds = [round(count * i / parts) for i in range(parts + 1)]
    return list(zip(bounds, bounds[1:]))


async def run(spec: dict[str, Any]) -> dict[str, Any]:
    """The scenario with its phones over ``spec["phone_processes"]`` processes (default 1: the
    phones and the facilitator's tab in this process). With more, this process keeps only the
    facilitator's tab and coordinates: it starts the joins, the bursts and the phase changes,
    and merges what every process saw."""
    processes = max(1, int(spec.get("phone_processes", 1)))
    count = len(spec["phones"])
    if processes == 1:
        local, remotes = Phones(spec, 0, count, facilitator=True), []
    else:
        local = Phones(spec, 0, 0, facilitator=True)
        remotes = await asyncio.gather(*(RemotePhones.start(spec, a, b) for a, b in _slices(count, processes)))
    groups = [local, *remotes]
    try:
        return await _scenario(spec, local, groups, processes) | {"phone_processes": processes}
    finally:
        await asyncio.gather(*(g.close() for g in groups), return_exceptions=True)


async def _ask_all(groups: list[Any], op: str, **args: Any) -> list[dict[str, Any]]:
    return list(await asyncio.gather(*(g.call(op, **args) for g in groups)))


def _lags(replies: list[dict[str, Any]]) -> dict[str, Any]:
    """Each process's worst loop lag (the coordinator's first), and the worst of them."""
    lags = [r["lag_ms"] for r in replies]
    return {"phones_process_loop_lag_max_ms": max(lags), "phones_processes_loop_lag_ms": lags}


async def _scenario(spec: dict[str, Any], local: Phones, groups: list[Any], processes: int) -> dict[str, Any]:
    timeout = float(spec.get("timeout_s", 120))
    count = len(spec["phones"])
    await local.seat_facilitator()
    started = time.perf_counter()
    joined = await _ask_all(groups, "connect", timeout=timeout, at_once=-(-CONNECT_AT_ONCE // processes))
    settled = all(j["settled"] for j in joined) and await _until(lambda: local.counted() is not None, timeout)
    join_s = (max([local.counted(), *(j["last_phase_at"] for j in joined if j["last_phase_at"] is not None)])
              - started) if settled else None

    if spec.get("scenario") == "vote":
        result = await _vote(spec, local, groups) if settled else {}
        return {"phones": count, "join_settle_s": join_s, **result}

    if spec.get("scenario") == "ideas":
        return {"phones": count, "join_settle_s": join_s, **await _ideas(spec, groups, timeout)}

    latencies: list[float] = []
    missed = 0
    for target in spec["phases"]:
        sent = time.perf_counter()
        await local.facilitator.send(spec["handler"], **{spec["argument"]: target})
        for reply in await _ask_all(groups, "phase", target=target, timeout=timeout):
            for at in reply["at"]:
                if at is None:
                    missed += 1
                else:
                    latencies.append((at - sent) * 1000)
    return {
        "phones": count,
        "join_settle_s": join_s,
        "phase_p50_ms": _percentile(latencies, 0.5) if latencies else None,
        "phase_p95_ms": _percentile(latencies, 0.95) if latencies else None,
        "phase_max_ms": max(latencies) if latencies else None,
        "deliveries": len(latencies),
        "missed": missed,
        **_lags(await _ask_all(groups, "loop_lag")),
    }


# Bursts start this long after the coordinator says so, the same moment in every process.
START_MARGIN_S = 0.2


async def _ideas(spec: dict[str, Any], groups: list[Any], timeout: float) -> dict[str, Any]:
    count = len(spec["phones"])
    expected = spec["per_phone"] * count
    first = time.perf_counter() + START_MARGIN_S
    replies = await _ask_all(groups, "ideas", first=first, timeout=timeout)
    last = max(r["last"] for r in replies if r["last"] is not None)
    everyone = sum(r["complete"] for r in replies) == count
    held_at = max(r["held_at"] for r in replies if r["held_at"] is not None) if everyone else None
    return {
        "idea_copies_per_idea": sum(r["copies"] for r in replies) / count / expected if count and expected else None,
        "ideas_sent": expected,
        "ideas_confirmed": sum(r["confirmed"] for r in replies) if spec.get("mine_var") else None,
        "all_screens_s_after_first": (held_at - first) if everyone else None,
        "all_screens_s_after_last": (held_at - last) if everyone else None,
        "screens_complete": sum(r["complete"] for r in replies),
        **_lags(replies),
    }


def _dot_plan(spec: dict[str, Any]) -> list[int]:
    # Phone i: two dots on one item, two on the next, one on the third (never over 3 per item),
    # starting at item i % 3: the items end up with different totals (and a tie), not all equal.
    return [0, 0, 1, 1, 2, 2, 3, 3][:int(spec["dots_per_phone"])]


async def _vote(spec: dict[str, Any], local: Phones, groups: list[Any]) -> dict[str, Any]:
    """Every phone spends its dots as fast as it can; then the facilitator reveals the result."""
    plan, wait_s = _dot_plan(spec), float(spec.get("vote_timeout_s", 60))
    count = len(spec["phones"])
    await _ask_all(groups, "seated", timeout=30)
    first = time.perf_counter() + START_MARGIN_S
    replies = await _ask_all(groups, "vote", first=first, wait_s=wait_s)
    last = max(r["last"] for r in replies if r["last"] is not None)
    settled = all(r["done_at"] is not None for r in replies)
    done_s = (max(r["done_at"] for r in replies) - last) if settled else None
    last_answer = max(r["last_answer"] for r in replies)
    answered_s = (last_answer - last) if all(r["answered"] for r in replies) and last_answer else None
    done = [d for r in replies for d in r["done"]]
    totals = [t for r in replies for t in r["totals"]]
    screens = len(done)

    revealing = time.perf_counter()
    await local.facilitator.send(spec["reveal_handler"])
    revealed = await _ask_all(groups, "revealed", wait_s=wait_s)
    reveal_s = (max(r["at"] for r in revealed) - revealing) if all(r["all"] for r in revealed) else None
    await asyncio.sleep(1.0)  # anything arriving after the reveal would change a screen's result
    shown = await _ask_all(groups, "results")
    results = [text for r in shown for text in r["results"]]
    return {
        "dots_sent": len(plan) * count,
        "send_s": last - first,
        "answers": sum(r["answers"] for r in replies) if not local.votes.naive else None,
        "accepted": sum(r["accepted"] for r in replies),
        "held_by_phones": sum(r["held"] for r in replies),
        "last_answer_s_after_last_tap": answered_s,
        "count_updates_per_screen": sum(r["tallies"] for r in replies) / screens,
        **_lags(replies),
        "done_settle_s": done_s,
        "screens": screens,
        "screens_done_right": sum(d == local.votes.expected for d in done),
        "done_values": sorted(set(done)),
        "screens_total": {str(t): totals.count(t) for t in sorted(set(totals))},
        "reveal_settle_s": reveal_s,
        "screens_revealed": len(results),
        "distinct_results": len(set(results)),
        "changed_after_reveal": sum(r["changed"] for r in shown),
        "facilitator_total": shown[0]["facilitator_total"],
        "facilitator_result": shown[0]["facilitator_result"],
    }


def _idea_payload(spec: dict[str, Any], index: int, n: int) -> dict[str, Any]:
    text = f"Entä jos puhelin {index} idea {n}"
    return {"form": {"text": text}} if spec.get("form") else {"text": text}


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        asyncio.run(_worker(int(sys.argv[2]), int(sys.argv[3])))
    else:
        json.dump(asyncio.run(run(json.load(sys.stdin))), sys.stdout)
