"""HTTP endpoints beside the Reflex app (downloads)."""
