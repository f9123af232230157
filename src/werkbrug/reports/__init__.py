"""Monitoring reports computed on deliveries (werkbrug-report/1)."""
