"""Live participants: the pseudonymous record, with contact details kept apart."""
