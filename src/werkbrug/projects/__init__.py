"""Live projects: partnerships with targets, budgets and partner organisations."""
