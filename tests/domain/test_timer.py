"""The countdown: start, pause, resume, +1 minute, within 1–120 minutes; a new phase starts without one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from workshop.domain.creation import InvalidInput
from workshop.domain.phases import (
    TIMER_MAX_MINUTES, TIMER_MIN_MINUTES, Timer, move_to, suggested_timer_minutes, timer_add_minute, timer_choices,
    timer_pause, timer_resume, timer_start,
)
from workshop.domain.vocabulary import Phase

NOW = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)


def test_start_pause_resume_keeps_the_time_left():
    running = timer_start(NOW, "5")
    assert running == Timer(ends_at=NOW + timedelta(minutes=5))
    paused = timer_pause(running, NOW + timedelta(seconds=90))
    assert paused == Timer(paused_left_ms=210_000)
    # Time passes while paused; the time left does not.
    resumed = timer_resume(paused, NOW + timedelta(minutes=30))
    assert resumed == Timer(ends_at=NOW + timedelta(minutes=30, seconds=210))
    assert resumed.left_ms(NOW + timedelta(minutes=30)) == 210_000


def test_one_more_minute_on_running_paused_run_out_and_absent_timers():
    running = timer_start(NOW, 2)
    assert timer_add_minute(running, NOW).ends_at == NOW + timedelta(minutes=3)
    assert timer_add_minute(Timer(paused_left_ms=1_000), NOW) == Timer(paused_left_ms=61_000)
    run_out = Timer(ends_at=NOW - timedelta(minutes=4))
    assert timer_add_minute(run_out, NOW).ends_at == NOW + timedelta(minutes=1)
    assert timer_add_minute(Timer(), NOW).ends_at == NOW + timedelta(minutes=1)


def test_one_more_minute_stops_at_120():
    long = timer_start(NOW, 120)
    assert timer_add_minute(long, NOW).ends_at == NOW + timedelta(minutes=120)
    assert timer_add_minute(Timer(paused_left_ms=120 * 60_000), NOW).paused_left_ms == 120 * 60_000


@pytest.mark.parametrize("minutes", ["0", "121", "x", None, True, [], -1])
def test_start_refuses_minutes_outside_the_range(minutes):
    with pytest.raises(InvalidInput) as raised:
        timer_start(NOW, minutes)
    assert raised.value.key == "errors.timer_range"


def test_pause_and_resume_refuse_the_wrong_state():
    with pytest.raises(InvalidInput) as raised:
        timer_pause(Timer(), NOW)
    assert raised.value.key == "cockpit.timer_not_running"
    with pytest.raises(InvalidInput) as raised:
        timer_pause(Timer(paused_left_ms=5), NOW)
    assert raised.value.key == "cockpit.timer_not_running"
    with pytest.raises(InvalidInput) as raised:
        timer_resume(timer_start(NOW, 3), NOW)
    assert raised.value.key == "cockpit.timer_not_paused"


def test_moving_to_another_phase_stops_the_countdown():
    """Forward, back or a jump: the new phase starts with no countdown, running or paused."""
    running = timer_start(NOW, 5)
    paused = timer_pause(running, NOW + timedelta(seconds=20))
    for timer in (running, paused):
        assert move_to(Phase.WHAT_IF, Phase.GROUP, timer) == (Phase.GROUP, Timer())
        assert move_to(Phase.GROUP, Phase.WHAT_IF, timer) == (Phase.WHAT_IF, Timer())
        assert move_to(Phase.CRITIQUE, Phase.RESULTS, timer) == (Phase.RESULTS, Timer())


def test_no_move_keeps_the_countdown():
    """Choosing the phase on now, or Next after the last phase, moves nothing: the clock runs on."""
    running = timer_start(NOW, 5)
    assert move_to(Phase.VOTE, Phase.VOTE, running) == (Phase.VOTE, running)
    assert move_to(Phase.RESULTS, None, running) == (Phase.RESULTS, running)


@pytest.mark.parametrize(("guide", "suggested"), [(15, 15), (10, 10), (25, 25), (180, 120), (None, 5)])
def test_the_suggested_countdown_is_the_guides_time_and_one_of_the_choices(guide, suggested):
    assert suggested_timer_minutes(guide) == suggested
    choices = timer_choices(suggested)
    assert suggested in choices
    assert list(choices) == sorted(set(choices))
    assert all(TIMER_MIN_MINUTES <= m <= TIMER_MAX_MINUTES for m in choices)
    assert all(timer_start(NOW, m) for m in choices)  # each one starts
