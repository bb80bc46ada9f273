"""Helpers for the events, quantities and places stages (no stages here)."""
