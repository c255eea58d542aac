"""One module per page (route)."""
