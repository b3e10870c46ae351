"""Turning fetched pages, feeds and files into Articles (no network, no store)."""
