"""The phones of one benchmark run, in a process of their own (``python -m benchmarks.phones``).

Reads a JSON scenario on stdin, prints JSON figures on stdout. N phones
connect at once to the real server over loopback; a facilitator tab then
changes the phase a few times, and each phone notes when it saw each change.
Every wait is bounded: a scenario that does not settle reports None instead
of hanging.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from typing import Any

from benchmarks.reflex_socket import ReflexTab

CONNECT_AT_ONCE = 100  # concurrent handshakes; the rest queue behind them


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


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


async def run(spec: dict[str, Any]) -> dict[str, Any]:
    url, timeout = spec["url"], float(spec.get("timeout_s", 120))
    watch = Watch(spec["phase_var"], spec["count_var"], spec.get("wall_var", ""), spec.get("mine_var", ""))
    votes = [VoteWatch(spec)] if spec.get("scenario") == "vote" else []
    facilitator = ReflexTab(url, spec["facilitator"]["path"], storage=spec["facilitator"]["storage"],
                            listeners=[watch, *votes])
    await facilitator.connect()
    await _until(lambda: watch.phase_at(facilitator) is not None, 30)

    # Each phone as if from a phone of its own behind the app's trusted proxy (loopback, see
    # benchmarks/run.py), so the sockets-per-address limit counts them as people, not as one.
    phones = [ReflexTab(url, p["path"], storage=p["storage"], listeners=[watch, *votes],
                        headers={"X-Forwarded-For": f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"})
              for n, p in enumerate(spec["phones"])]
    gate = asyncio.Semaphore(CONNECT_AT_ONCE)

    async def connect(phone: ReflexTab) -> None:
        async with gate:
            await phone.connect()

    expected = spec["expected_count"]

    def counted() -> float | None:
        count, at = watch.count.get(id(facilitator), (0, 0.0))
        return at if count >= expected else None

    started = time.perf_counter()
    await asyncio.gather(*(connect(phone) for phone in phones))
    settled = await _until(
        lambda: counted() is not None and all(watch.phase_at(p) is not None for p in phones), timeout
    )
    join_s = (max(counted(), *(watch.phase_at(p) for p in phones)) - started) if settled else None

    if spec.get("scenario") == "vote":
        result = await _vote(spec, votes[0], facilitator, phones, timeout) if settled else {}
        await asyncio.gather(*(p.close() for p in phones), facilitator.close(), return_exceptions=True)
        return {"phones": len(phones), "join_settle_s": join_s, **result}

    if spec.get("scenario") == "ideas":
        result = await _ideas(spec, watch, phones, timeout)
        await asyncio.gather(*(p.close() for p in phones), facilitator.close(), return_exceptions=True)
        return {"phones": len(phones), "join_settle_s": join_s, **result}

    latencies: list[float] = []
    missed = 0
    for target in spec["phases"]:
        sent = time.perf_counter()
        await facilitator.send(spec["handler"], **{spec["argument"]: target})
        await _until(lambda t=target: all(watch.phase_at(p, t) is not None for p in phones), timeout)
        for phone in phones:
            at = watch.phase_at(phone, target)
            if at is None:
                missed += 1
            else:
                latencies.append((at - sent) * 1000)

    await asyncio.gather(*(p.close() for p in phones), facilitator.close(), return_exceptions=True)
    return {
        "phones": len(phones),
        "join_settle_s": join_s,
        "phase_p50_ms": _percentile(latencies, 0.5) if latencies else None,
        "phase_p95_ms": _percentile(latencies, 0.95) if latencies else None,
        "phase_max_ms": max(latencies) if latencies else None,
        "deliveries": len(latencies),
        "missed": missed,
    }


async def _ideas(spec: dict[str, Any], watch: Watch, phones: list[ReflexTab], timeout: float) -> dict[str, Any]:
    """Every phone sends ``per_phone`` ideas at random moments within ``window_s``."""
    import random

    rng = random.Random(7)
    per_phone, window = spec["per_phone"], float(spec["window_s"])
    expected = per_phone * len(phones)

    async def send_all(index: int, phone: ReflexTab) -> None:
        moments = sorted(rng.uniform(0, window) for _ in range(per_phone))
        start = time.perf_counter()
        for n, moment in enumerate(moments):
            await asyncio.sleep(max(0.0, start + moment - time.perf_counter()))
            await phone.send(spec["idea_handler"], **_idea_payload(spec, index, n))

    first = time.perf_counter()
    await asyncio.gather(*(send_all(i, p) for i, p in enumerate(phones)))
    last = time.perf_counter()
    everyone = await _until(lambda: all(watch.wall.get(id(p), (0, 0.0))[0] >= expected for p in phones), timeout)
    held_at = [watch.wall.get(id(p), (0, None))[1] for p in phones]
    copies = [watch.copies.get(id(p), 0) for p in phones]
    return {
        "idea_copies_per_idea": sum(copies) / len(phones) / expected if phones and expected else None,
        "ideas_sent": expected,
        "ideas_confirmed": sum(watch.confirmed.get(id(p), 0) for p in phones) if spec.get("mine_var") else None,
        "all_screens_s_after_first": (max(held_at) - first) if everyone else None,
        "all_screens_s_after_last": (max(held_at) - last) if everyone else None,
        "screens_complete": sum(watch.wall.get(id(p), (0, 0.0))[0] >= expected for p in phones),
    }


class _LoopLag:
    """How late this process's event loop ran a 10 ms ticker (a busy client process delays
    every arrival time it records)."""

    def __init__(self) -> None:
        self.worst = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _tick(self) -> None:
        while True:
            before = time.perf_counter()
            await asyncio.sleep(0.01)
            self.worst = max(self.worst, time.perf_counter() - before - 0.01)

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._tick())

    def stop(self) -> None:
        if self._task:
            self._task.cancel()


async def _vote(spec: dict[str, Any], votes: VoteWatch, facilitator: ReflexTab, phones: list[ReflexTab],
                timeout: float) -> dict[str, Any]:
    """Every phone spends its dots as fast as it can (each tap sent right after the
    previous one, answers not awaited); then the facilitator reveals the result."""
    items, per_phone = spec["items"], int(spec["dots_per_phone"])
    # Phone i: two dots on one item, two on the next, one on the third (never over 3 per item),
    # starting at item i % 3: the items end up with different totals (and a tie), not all equal.
    plan = [0, 0, 1, 1, 2, 2, 3, 3][:per_phone]
    wait_s = float(spec.get("vote_timeout_s", 60))
    screens = [*phones, facilitator]

    async def tap_all(index: int, phone: ReflexTab) -> None:
        for n in plan:
            await phone.send(spec["dot_handler"], **{spec["dot_argument"]: items[(index % 3 + n) % len(items)]})

    # Each phone's page load answers after the room view arrived (which is all the join
    # settling waits for): wait for those answers too, so that every answer counted below
    # answers a tap.
    await _until(lambda: all(id(p) in votes.seated for p in phones), 30)
    lag = _LoopLag()
    lag.start()
    votes.counting = True
    first = time.perf_counter()
    await asyncio.gather(*(tap_all(i, p) for i, p in enumerate(phones)))
    last = time.perf_counter()
    settled = await _until(lambda: all(id(s) in votes.done_at for s in screens), wait_s)
    done_s = (max(votes.done_at[id(s)] for s in screens) - last) if settled else None
    if not votes.naive:  # our phones get an answer per tap
        answered = await _until(lambda: all(votes.answers.get(id(p), 0) >= len(plan) for p in phones), 10)
    else:
        answered = await _until(lambda: all(votes.mine.get(id(p), 0) >= len(plan) for p in phones), 10)
    lag.stop()
    answered_s = (votes.last_answer - last) if answered and votes.last_answer else None
    count_updates = votes.tallies

    revealing = time.perf_counter()
    await facilitator.send(spec["reveal_handler"])
    revealed = await _until(lambda: all(id(s) in votes.revealed_at for s in screens), wait_s)
    reveal_s = (max(votes.revealed_at[id(s)] for s in screens) - revealing) if revealed else None
    await asyncio.sleep(1.0)  # anything arriving after the reveal would change a screen's result
    results = [votes.result[id(s)] for s in screens if id(s) in votes.result]
    return {
        "dots_sent": len(plan) * len(phones),
        "send_s": last - first,
        "answers": sum(votes.answers.values()) if not votes.naive else None,
        "accepted": sum(votes.accepted.get(id(p), 0) for p in phones),
        "held_by_phones": sum(votes.mine.get(id(p), 0) for p in phones),
        "last_answer_s_after_last_tap": answered_s,
        "count_updates_per_screen": count_updates / len(screens),
        "phones_process_loop_lag_max_ms": lag.worst * 1000,
        "done_settle_s": done_s,
        "screens": len(screens),
        "screens_done_right": sum(votes.done.get(id(s)) == votes.expected for s in screens),
        "done_values": sorted({votes.done.get(id(s), -1) for s in screens}),
        "screens_total": {str(k): v for k, v in sorted(
            {t: sum(votes.total.get(id(s), -1) == t for s in screens)
             for t in {votes.total.get(id(s), -1) for s in screens}}.items())},
        "reveal_settle_s": reveal_s,
        "screens_revealed": len(results),
        "distinct_results": len(set(results)),
        "changed_after_reveal": sum(votes.first_result[id(s)] != votes.result[id(s)]
                                    for s in screens if id(s) in votes.result),
        "facilitator_total": votes.total.get(id(facilitator)),
        "facilitator_result": json.loads(votes.result[id(facilitator)]) if id(facilitator) in votes.result else None,
    }


def _idea_payload(spec: dict[str, Any], index: int, n: int) -> dict[str, Any]:
    text = f"Entä jos puhelin {index} idea {n}"
    return {"form": {"text": text}} if spec.get("form") else {"text": text}


if __name__ == "__main__":
    json.dump(asyncio.run(run(json.load(sys.stdin))), sys.stdout)
