"""The countdown: start, pause, resume, +1 minute, within 1–120 minutes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from workshop.domain.creation import InvalidInput
from workshop.domain.phases import (
    Timer, timer_add_minute, timer_pause, timer_resume, timer_start,
)

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
