"""Live employers and their vacancies."""
