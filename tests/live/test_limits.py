"""The abuse limits as units: the limiter under each setting, the client address a
limit counts under, and wrong join codes (only wrong ones count). The limiter is reset
around every test; the raw-socket tests are in test_abuse_limits.py."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from workshop.live.ratelimit import limiter
from workshop.settings import environment_name, settings
from workshop.state.workshop_page import client_address, count_wrong_code, guessing_blocked


@pytest.fixture(autouse=True)
def fresh_limits():
    limiter().reset()
    yield
    limiter().reset()
    settings.cache_clear()


def _state(ip: str, forwarded_for: str | None = None) -> SimpleNamespace:
    raw = {"asgi-scope-client": ip} if ip else {}
    if forwarded_for is not None:
        raw["x-forwarded-for"] = forwarded_for
    return SimpleNamespace(router=SimpleNamespace(session=SimpleNamespace(client_ip=ip),
                                                  headers=SimpleNamespace(raw_headers=raw)))


def test_the_client_address_is_the_one_reflex_saw():
    assert client_address(_state("203.0.113.7")) == "203.0.113.7"
    assert client_address(_state("")) == "unknown"


def test_forwarded_for_counts_only_behind_a_trusted_proxy(monkeypatch):
    """The same rule as the socket server's: a browser cannot choose its own address."""
    assert client_address(_state("198.51.100.1", "10.0.0.9")) == "198.51.100.1"
    monkeypatch.setenv(environment_name("trusted_proxies"), "198.51.100.1")
    settings.cache_clear()
    assert client_address(_state("198.51.100.1", "10.0.0.9")) == "10.0.0.9"


def test_wrong_codes_block_an_address_after_the_setting(monkeypatch):
    monkeypatch.setenv(environment_name("join_code_guesses"), "3/minute")
    settings.cache_clear()
    guesser, neighbour = _state("198.51.100.1"), _state("198.51.100.2")
    for _ in range(3):
        assert not guessing_blocked(guesser)
        count_wrong_code(guesser)
    assert guessing_blocked(guesser)
    assert not guessing_blocked(neighbour)


def test_right_codes_cost_nothing():
    # A class behind one school address opens the join link 100 times: only
    # wrong codes are counted, so nothing is ever blocked.
    school = _state("192.0.2.10")
    assert not any(guessing_blocked(school) for _ in range(100))


@pytest.mark.parametrize(("name", "identifiers", "normal_use"), [
    ("joins_per_workshop_per_address", (1, "192.0.2.10"), 35),  # a class of 35 behind one address
    ("workshops_created_per_address", ("192.0.2.10",), 3),  # a facilitator's morning
    ("ideas_per_workshop_per_address", (1, "192.0.2.10"), 35 * 4),  # 35 people writing 4 a minute
    ("ideas_per_workshop", (1,), 1000 * 3),  # 1,000 phones sending 3 ideas in the same minute
    # Red-team finding 6: brief suggestions and clusters made from phones.
    ("suggestions_per_participant", (1, 7), 3),  # one person's three quick additions
    ("suggestions_per_workshop_per_address", (1, "192.0.2.10"), 30 * 2),  # a class of 30, two each
    ("suggestions_per_workshop", (1,), 500),  # 500 phones each suggesting in the same minute
    ("clusters_per_participant", (1, 7), 12),  # a group for each of 12 ideas within a minute
    ("clusters_per_workshop_per_address", (1, "192.0.2.10"), 30),  # a class of 30, one group each
    ("clusters_per_workshop", (1,), 60),  # as many as the board takes from phones
    # Red-team round 3, F4: edits and deletes of one's own ideas.
    ("edits_per_participant", (1, 7), 12),  # a typo fixed in each of 10 ideas, two fixed twice
    ("taps_per_participant", (1, 7), 40),  # five dots, taken back and placed again a few times over
])
def test_each_limit_allows_normal_use_and_refuses_beyond_the_setting(name, identifiers, normal_use):
    assert all(limiter().hit(name, *identifiers) for _ in range(normal_use))
    limit = int(str(getattr(settings(), name)).split("/")[0])
    assert all(limiter().hit(name, *identifiers) for _ in range(limit - normal_use))
    assert not limiter().hit(name, *identifiers)
    assert limiter().hit(name, *identifiers[:-1], "another")  # another address (or workshop)


@pytest.fixture(params=["memory", "redis"])
def a_limiter(request, monkeypatch):
    """A limiter in memory, and one in Redis (under a prefix of its own)."""
    from workshop.live.ratelimit import Limiter

    if request.param == "memory":
        yield Limiter()
        return
    from tests.services import require_redis

    url = require_redis()
    monkeypatch.setenv(environment_name("redis_prefix"), f"test-limits-{id(request)}")
    settings.cache_clear()
    made = Limiter(url)
    made.reset()
    yield made
    made.reset()


def test_hit_all_counts_nothing_when_one_limit_is_used_up(a_limiter, monkeypatch):
    """A suggestion (or a phone's cluster) refused under one of its limits is not counted
    under the others: the person's own count does not grow because their network's did."""
    monkeypatch.setenv(environment_name("suggestions_per_participant"), "2/minute")
    monkeypatch.setenv(environment_name("suggestions_per_workshop_per_address"), "3/minute")
    settings.cache_clear()
    me, neighbour = ("suggestions_per_participant", 1, 7), ("suggestions_per_participant", 1, 8)
    network = ("suggestions_per_workshop_per_address", 1, "192.0.2.10")
    assert a_limiter.hit_all(me, network) and a_limiter.hit_all(me, network)  # at my limit
    assert not a_limiter.hit_all(me, network)  # over mine: the network's count stays at 2
    assert a_limiter.hit_all(neighbour, network)  # the network's third
    assert not a_limiter.hit_all(neighbour, network)  # the network's fourth: refused
    assert a_limiter.test(*neighbour)  # and the neighbour's own second was not counted


def test_edits_per_participant_is_read_from_the_environment(monkeypatch):
    """ENTAJOS_EDITS_PER_PARTICIPANT sets the limit, counted per participant of a workshop."""
    assert settings().edits_per_participant == "30/minute"
    monkeypatch.setenv("ENTAJOS_EDITS_PER_PARTICIPANT", "2/minute")
    settings.cache_clear()
    assert settings().edits_per_participant == "2/minute"
    assert limiter().hit("edits_per_participant", 1, 7) and limiter().hit("edits_per_participant", 1, 7)
    assert not limiter().hit("edits_per_participant", 1, 7)
    assert limiter().hit("edits_per_participant", 1, 8)  # another participant


def test_reset_forgets_every_counter(monkeypatch):
    monkeypatch.setenv(environment_name("workshops_created_per_address"), "1/hour")
    settings.cache_clear()
    assert limiter().hit("workshops_created_per_address", "a")
    assert not limiter().hit("workshops_created_per_address", "a")
    limiter().reset()
    assert limiter().hit("workshops_created_per_address", "a")


def test_memory_windows_move_and_forget_keys_out_of_their_window():
    import time

    from workshop.live.ratelimit import MemoryWindows

    windows = MemoryWindows()
    windows.SWEEP_EVERY = 5
    assert windows.hit(("a",), 2, 0.2) and windows.hit(("a",), 2, 0.2)
    assert not windows.hit(("a",), 2, 0.2) and not windows.test(("a",), 2, 0.2)
    assert not windows.hit(("b",), 2, 0.2, cost=3)  # a cost over the limit never fits
    time.sleep(0.25)
    assert windows.test(("a",), 2, 0.2) and windows.hit(("a",), 2, 0.2)
    time.sleep(0.25)
    for n in range(5):  # the fifth hit sweeps: only keys with a hit in their window stay
        windows.hit((f"k{n}",), 2, 60)
    assert len(windows) == 5


def test_an_ipv6_client_counts_as_its_64_bit_network(monkeypatch):
    """One home or phone connection gets a whole IPv6 /64 (2^64 addresses) and may use a new
    one per request: counted one by one, an address could guess join codes, create workshops
    and open sockets without end. Every limit counts the /64; an IPv4-mapped address counts as
    its IPv4 address, and the same address written two ways is one."""
    assert client_address(_state("2001:db8:1:2:aaaa::1")) == "2001:db8:1:2::/64"
    assert client_address(_state("2001:0db8:0001:0002:bbbb:0:0:2")) == "2001:db8:1:2::/64"
    assert client_address(_state("2001:db8:1:3::1")) == "2001:db8:1:3::/64"
    assert client_address(_state("::ffff:198.51.100.7")) == "198.51.100.7"
    assert client_address(_state("198.51.100.7")) == "198.51.100.7"
    monkeypatch.setenv(environment_name("trusted_proxies"), "::1")
    settings.cache_clear()
    assert client_address(_state("::1", "2001:db8:9:9:1:2:3:4")) == "2001:db8:9:9::/64"
    # Wrong codes from two addresses of one /64 block both.
    monkeypatch.setenv(environment_name("join_code_guesses"), "3/minute")
    settings.cache_clear()
    for n in range(3):
        count_wrong_code(_state(f"2001:db8:5:5::{n + 1}"))
    assert guessing_blocked(_state("2001:db8:5:5::99"))
    assert not guessing_blocked(_state("2001:db8:5:6::1"))
