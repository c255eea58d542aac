"""Reflex states: thin adapters between the browser and the domain and store."""
