"""Deployment settings: every limit, retention period and privacy threshold in one place.

Each setting is read from an environment variable of the same name (prefixed
``ENTAJOS_``), with a sane default. Pure Python, no Reflex: the domain, the
store, the live layer, README and the privacy page all read the same values,
so what the privacy notice promises is what the code does.

Rates are strings in the ``limits`` library's notation ("5/minute",
"20 per 10 seconds"); see https://limits.readthedocs.io/. The limiter that
applies them lives in ``workshop/live/ratelimit.py`` (memory on one process,
Redis with ``REFLEX_REDIS_URL`` so that limits hold across workers).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from functools import cache, lru_cache

PREFIX = "ENTAJOS_"


@dataclass(frozen=True)
class Settings:
    """One deployment's settings; read with :func:`settings`."""

    # --- Retention -----------------------------------------------------------
    # A workshop closes for input this many days after it was held ...
    close_after_days: int = 14
    # ... and is deleted with everything in it this many days after it was held.
    delete_after_days: int = 90

    # --- Small groups ------------------------------------------------------------
    # A role with fewer people than this is never shown apart from the rest
    # (the default for a new workshop; the facilitator may raise it at creation).
    min_group_size: int = 3

    # --- Abuse limits (``limits`` notation) -----------------------------------------
    # Wrong join codes per client address, after which guessing waits.
    join_code_guesses: str = "10/minute"
    # Participants joining one workshop from one client address.
    joins_per_workshop_per_address: str = "60/minute"
    # Workshops created per client address (on top of the optional passphrase).
    workshops_created_per_address: str = "10/hour"
    # Ideas stored in one workshop, whoever writes them (the per-participant
    # limit is the workshop's own ``ideas_per_minute``): room for 1,000 phones
    # each sending 3 ideas within the same minute.
    ideas_per_workshop: str = "3000/minute"
    # Open sockets per client address.
    sockets_per_address: int = 400
    # New sockets per client address (accepted ones: a refused retry does not count). Each
    # new socket's tab state is held in the worker's memory while the socket is open and
    # ``tab_state_grace_seconds`` after: with both, one address holds a bounded number.
    connections_per_address: str = "1200/minute"
    # How long a closed socket's tab state stays in memory for the tab to come back to (a
    # phone that reconnects later rebuilds it from its browser's keys and the database).
    tab_state_grace_seconds: int = 30
    # Tab states one worker holds at most (open tabs and those closed within the grace):
    # past it a new tab's socket is refused, one whose state is held still gets in. Many
    # addresses together are bounded too; a 1,000-phone workshop needs ~1,000 plus churn.
    tab_states_per_worker: int = 20_000
    # Events per socket, with bursts allowed (a phone tapping fast is never refused).
    events_per_socket: str = "30/second"
    # Client-sent log text: longest line kept, and lines per socket.
    client_log_chars: int = 500
    client_log_lines: str = "10/minute"
    # Browser-kept values (keys and tokens by workshop code, the language): the longest
    # the server takes from a tab (a longer one counts as empty), and the most workshops
    # (or portfolios) one map keeps (adding one more forgets the oldest).
    browser_value_chars: int = 4096
    browser_map_entries: int = 40
    # The page address an event carries (path and query, Reflex's router data): its
    # longest; an event with a longer one, or with anything else in it, is dropped.
    address_chars: int = 4096

    # --- Abuse limits: scripted participants behind one address (sec-abuse) -----------
    # Ideas stored in one workshop from one client address: a class of 30 behind a
    # school's one address writes far fewer; 50 scripted participants are stopped.
    ideas_per_workshop_per_address: str = "200/minute"

    # --- Abuse limits: brief suggestions and clusters made from phones -----------------
    # Suggestions to the briefs (develop phase): per participant (one takes a while to
    # write), from one client address into one workshop (a class of 30 behind one address
    # sending two a minute each), and into one workshop from everyone.
    suggestions_per_participant: str = "5/minute"
    suggestions_per_workshop_per_address: str = "60/minute"
    suggestions_per_workshop: str = "600/minute"
    # A participant's suggestions waiting for the facilitator (not yet taken in): what the
    # facilitator's list holds of one person (each at most 1,000 characters).
    suggestions_waiting_per_participant: int = 20
    # New clusters made from phones (group phase, when the facilitator allows it): per
    # participant, per client address into one workshop, per workshop. The facilitator's
    # own clusters are not counted.
    clusters_per_participant: str = "20/minute"
    clusters_per_workshop_per_address: str = "40/minute"
    clusters_per_workshop: str = "120/minute"
    # A phone starts no new cluster once the board holds this many (every phone's board
    # and ballot carry them all); the facilitator still may.
    clusters_on_board_for_phones: int = 60

    # --- Abuse limits: changing one's own ideas ----------------------------------------
    # Edits and deletes of one's own ideas, per participant in a workshop, whichever socket
    # they come from (red-team round 3, F4: one participant on 40 sockets stored about 990
    # edits a second). Opening, changing and saving an idea takes a person several seconds:
    # 30 in any minute is more than fixing typos needs, and at most 0.5 writes a second kept up.
    edits_per_participant: str = "30/minute"
    # Dots placed or taken back, and ideas moved, picked or groups renamed from a phone, per
    # participant in a workshop, whichever socket they come from (the same many-sockets
    # trick as edits). Five dots and a change of mind are a dozen taps; 120 a minute is two
    # a second kept up.
    taps_per_participant: str = "120/minute"

    # --- Data lifecycle (purge) ---------------------------------------------------
    # How often the running app applies the retention periods above.
    purge_every_minutes: int = 60

    # --- Sockets, origins and client addresses (workshop/live/socket_server.py) --------
    # Addresses of reverse proxies whose X-Forwarded-For is believed (comma-separated);
    # empty: the address a connection comes from is the client's, whatever it claims.
    trusted_proxies: str = ""
    # Origins besides the app's own allowed to use the API and the socket with
    # credentials (comma-separated, e.g. "http://localhost:3000" for ``reflex run`` in
    # development); empty: the app's own origin only.
    cors_origins: str = ""

    # --- The room (workshop/domain/wall.py) --------------------------------------------
    # Shards the wall of ideas travels in (1..64): a new, edited or hidden idea resends
    # its shard alone. 1: the whole wall on every change (``make bench`` compares the two).
    wall_shards: int = 64

    # --- Database ---------------------------------------------------------------------
    # Times a transaction runs again when its connection to the database is lost
    # (PostgreSQL restarted, connections terminated) before the call is refused.
    store_retries: int = 3

    # --- Several workers (REFLEX_REDIS_URL; workshop/live/shared.py) ----------------------
    # Every Redis key and the socket.io channel of this deployment start with this, so that
    # two deployments (or test runs) may share one Redis.
    redis_prefix: str = "entajos"
    # Each worker renews its seats in Redis this often; a worker that stops (killed, hung)
    # loses its seats after ``presence_expiry_seconds`` and its phones leave the head-count.
    presence_heartbeat_seconds: int = 2
    presence_expiry_seconds: int = 6

    # --- The process ---------------------------------------------------------------------
    # The cycle collector's young generation collects every this many allocations
    # (Python's default is 700; 0 keeps it). See workshop/live/collector.py.
    gc_young_threshold: int = 50_000

    # --- Keys -----------------------------------------------------------------------
    # A one-time download token lives this long.
    download_token_seconds: int = 60
    # A one-time opener link (``?open=``, workshop.store.openers) works this many days,
    # once: it hands its key to the first browser that opens it.
    opener_days: int = 7
    # Unopened openers one workshop or portfolio may have at a time; one more is refused
    # (a new key of that kind voids its openers, and they expire after ``opener_days``).
    openers_per_target: int = 100


def _read(name: str, default: object) -> object:
    raw = os.environ.get(PREFIX + name.upper())
    if raw is None or raw.strip() == "":
        return default
    if isinstance(default, bool):
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(default, int):
        return int(raw)
    return raw.strip()


@cache
def settings() -> Settings:
    """This process's settings (environment read once; tests call ``settings.cache_clear()``)."""
    return Settings(**{f.name: _read(f.name, f.default) for f in fields(Settings)})


@lru_cache(maxsize=64)
def listed(value: str) -> tuple[str, ...]:
    """A comma-separated setting as its items (blanks dropped)."""
    return tuple(item.strip() for item in value.split(",") if item.strip())


def environment_name(field: str) -> str:
    """The environment variable that sets ``field``, for README and error messages."""
    return PREFIX + field.upper()
