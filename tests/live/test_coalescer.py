import asyncio

from tests.asyncio_support import run

from workshop.live.coalescer import RoomCoalescer


def test_a_burst_becomes_few_flushes_and_nothing_is_lost():
    flushed: list[tuple[str, frozenset[str]]] = []

    async def flush(room: str, parts: frozenset[str]) -> None:
        flushed.append((room, parts))
        await asyncio.sleep(0.001)

    async def scenario() -> None:
        coalescer = RoomCoalescer(flush, interval_s=0.02)
        for i in range(200):
            coalescer.touch("A", {"ideas" if i % 2 else "meta"})
            if i % 20 == 0:
                await asyncio.sleep(0.005)
        coalescer.touch("B", {"presence"})
        await coalescer.drain()

    run(scenario())
    rooms_a = [parts for room, parts in flushed if room == "A"]
    # The first change goes out at once, the rest in a handful of flushes.
    assert rooms_a[0] == frozenset({"meta"})
    assert 2 <= len(rooms_a) <= 10
    assert frozenset().union(*rooms_a) == {"meta", "ideas"}
    assert ("B", frozenset({"presence"})) in flushed


def test_a_failing_flush_does_not_stop_the_next():
    calls: list[frozenset[str]] = []

    async def flush(room: str, parts: frozenset[str]) -> None:
        calls.append(parts)
        if len(calls) == 1:
            raise RuntimeError("database went away")

    async def scenario() -> None:
        coalescer = RoomCoalescer(flush, interval_s=0.001)
        coalescer.touch("A", {"meta"})
        await coalescer.drain()
        coalescer.touch("A", {"meta"})
        await coalescer.drain()

    run(scenario())
    assert len(calls) == 2


def _two_flushes_asking_to_rest(rest: float) -> list[float]:
    """When two flushes of a room ran, the first asking the room to rest ``rest`` seconds."""
    times: list[float] = []

    async def flush(room: str, parts: frozenset[str]) -> float:
        times.append(asyncio.get_running_loop().time())
        return rest

    async def scenario() -> None:
        coalescer = RoomCoalescer(flush, interval_s=0.01)
        coalescer.touch("A", {"wall"})
        await asyncio.sleep(0.02)
        coalescer.touch("A", {"wall"})
        await coalescer.drain()

    run(scenario())
    return times


def test_a_flush_can_ask_the_room_to_rest_longer():
    times = _two_flushes_asking_to_rest(0.2)  # a heavy emit
    assert len(times) == 2 and times[1] - times[0] >= 0.19


def test_during_a_burst_flushes_take_at_most_a_quarter_of_the_time():
    """A slow flush (one message to many sockets) with changes arriving meanwhile rests
    three times its length; a lone change after a quiet spell still goes out at once."""
    times: list[float] = []
    coalescer: RoomCoalescer

    async def flush(room: str, parts: frozenset[str]) -> None:
        times.append(asyncio.get_running_loop().time())
        if "burst" in parts:
            coalescer.touch("A", {"burst"})  # the burst goes on while this flush runs
        await asyncio.sleep(0.04)

    async def scenario() -> None:
        nonlocal coalescer
        coalescer = RoomCoalescer(flush, interval_s=0.001)
        coalescer.touch("A", {"lone"})
        await coalescer.drain()
        await asyncio.sleep(0.01)
        coalescer.touch("A", {"lone"})
        await coalescer.drain()
        coalescer.touch("A", {"burst"})
        await asyncio.sleep(0.3)
        coalescer._dirty.pop("A", None)  # the burst ends
        await coalescer.drain()

    run(scenario())
    lone_gap = times[1] - times[0]
    assert lone_gap < 0.1  # 40 ms flush + 10 ms pause: no extra rest
    burst_gaps = [b - a for a, b in zip(times[2:], times[3:])]
    assert burst_gaps and all(gap >= 0.15 for gap in burst_gaps)  # 40 ms / 0.25


def test_a_room_never_rests_longer_than_the_cap():
    """A whole-wall emit to 500 phones estimated a rest of 2.5 s (bytes × sockets at 20 MB/s)
    while the machine sat idle: the last ideas of a burst waited for it. A rest is capped."""
    from workshop.live.coalescer import MAX_SHARE_REST_S

    times = _two_flushes_asking_to_rest(2.5)
    assert len(times) == 2 and times[1] - times[0] <= MAX_SHARE_REST_S + 0.05
