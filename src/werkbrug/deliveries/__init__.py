"""Deliveries: named, immutable snapshots of project data as delivered to the funder."""
