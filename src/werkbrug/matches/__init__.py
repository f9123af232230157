"""Matching on the live data: profiles, suggestions shown and decided, ESCO tables."""
