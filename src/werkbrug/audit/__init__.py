"""The append-only audit log of personal data and exports."""
