"""Reflex configuration. Environment variables (see README) override it."""

import reflex as rx
from reflex_base.plugins.sitemap import SitemapPlugin

from workshop.live.respawn import respawn_failed_workers
from workshop.settings import listed, settings

# With several workers, one that dies is started again instead of stopping the app.
respawn_failed_workers()

config = rx.Config(
    app_name="workshop",
    # Participants may be minors: nothing leaves the machine. (This machine
    # also reaches no telemetry server.)
    telemetry_enabled=False,
    show_built_with_reflex=False,
    # No sitemap: workshops are private rooms, not pages to index.
    disable_plugins=[SitemapPlugin],
    # Per-tab state holds nothing that cannot be rebuilt (identity is in the
    # browser, the workshop in the database), so each worker keeps its tabs'
    # state in memory, also with several workers: a tab's socket lives on one
    # worker, and a tab that reconnects elsewhere rebuilds it from the browser's
    # keys and the database, as after a restart. Redis state (Reflex's default
    # with REFLEX_REDIS_URL) took a Redis lock per event: at 300 phones on 2
    # workers ~3,600 "lock held too long" warnings and phase changes missed, none
    # in memory (README, "Several workers"). Rooms, the head-count, cache versions
    # and rate limits still go through Redis (workshop/live/shared.py).
    state_manager_mode="memory",
    # The API answers other sites' pages only when listed (ENTAJOS_CORS_ORIGINS);
    # the app's own pages need no CORS. The socket checks the same (live/socket_server.py).
    cors_allowed_origins=list(listed(settings().cors_origins)),
)
