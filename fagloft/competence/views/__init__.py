"""Pages of the competence app, one module per area (staff, overview, mapping, plans, privacy)."""
