"""The naive baseline: a room carried by rx.SharedState (what the product brief first suggested)."""

import reflex as rx

config = rx.Config(app_name="naive_room", telemetry_enabled=False, show_built_with_reflex=False)
