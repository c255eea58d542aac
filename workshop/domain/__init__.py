"""Pure domain rules: no Reflex, no SQL."""
