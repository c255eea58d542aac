"""Views of the workshop's phases, one module per phase (and one for what all phases share)."""
