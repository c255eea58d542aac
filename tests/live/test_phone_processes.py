"""The benchmark's phones split over several processes (benchmarks/phones.py): the coordinator's
merged figures count every phone once, whichever process it was in, the same as one process."""

from __future__ import annotations

import time

from benchmarks import phones as phone_sim
from benchmarks.run import _our_ideas_spec, _our_room, _our_spec, _our_vote_room, _our_vote_spec, _stored_votes
from tests.asyncio_support import run

PHONES = 30


def test_slices_cover_every_phone_once():
    for count, parts in ((1000, 2), (7, 3), (2, 4)):
        slices = phone_sim._slices(count, parts)
        assert [n for a, b in slices for n in range(a, b)] == list(range(count))


def test_each_phone_sends_at_the_same_moments_in_any_process():
    spec = {"per_phone": 3, "window_s": 5.0}
    whole = phone_sim._moments(spec, 0, 10)
    assert phone_sim._moments(spec, 0, 4) + phone_sim._moments(spec, 4, 10) == whole
    assert all(len(m) == 3 and m == sorted(m) for m in whole)


def test_perf_counter_is_one_clock_for_all_processes():
    import subprocess
    import sys

    before = time.perf_counter()
    child = float(subprocess.run([sys.executable, "-c", "import time; print(time.perf_counter())"],
                                 capture_output=True, text=True, check=True).stdout)
    assert before < child < time.perf_counter()


def test_phase_changes_merged_over_two_processes(running_app):
    code, key, tokens = _our_room(running_app.database_url, PHONES)
    spec = _our_spec(running_app.url, code, key, tokens) | {"timeout_s": 30, "phone_processes": 2, "lean": True}
    result = run(phone_sim.run(spec))
    assert result["phone_processes"] == 2 and result["phones"] == PHONES
    assert result["join_settle_s"] is not None
    assert result["missed"] == 0 and result["deliveries"] == PHONES * len(spec["phases"])
    assert len(result["phones_processes_loop_lag_ms"]) == 3  # the coordinator and two phone processes


def test_idea_burst_merged_over_two_processes(running_app):
    code, key, tokens = _our_room(running_app.database_url, PHONES, phase="what_if")
    spec = _our_ideas_spec(running_app.url, code, key, tokens) | {
        "timeout_s": 30, "window_s": 1.0, "phone_processes": 2, "lean": True}
    result = run(phone_sim.run(spec))
    assert result["ideas_sent"] == result["ideas_confirmed"] == PHONES * 3
    assert result["screens_complete"] == PHONES and result["all_screens_s_after_last"] is not None


def test_dot_burst_merged_over_two_processes(running_app):
    code, key, tokens, ids = _our_vote_room(running_app.database_url, PHONES)
    spec = _our_vote_spec(running_app.url, code, key, tokens, ids) | {
        "timeout_s": 30, "vote_timeout_s": 30, "phone_processes": 2, "lean": True}
    result = run(phone_sim.run(spec))
    stored = _stored_votes(running_app.database_url, code)
    assert result["dots_sent"] == result["accepted"] == result["answers"] == stored["stored"] == PHONES * 5
    assert result["screens"] == result["screens_done_right"] == result["screens_revealed"] == PHONES + 1
    assert result["distinct_results"] == 1 and result["changed_after_reveal"] == 0
    assert result["facilitator_result"]["total_dots"] == PHONES * 5
