"""Live trajectories: status history through one transition table, and outcomes."""
