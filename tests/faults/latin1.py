"""Saved as latin-1 without a coding line: café."""
