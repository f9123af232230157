"""Pages (thin: forms and selectors in, services for writes)."""
