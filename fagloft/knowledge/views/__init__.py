"""Pages of the app (thin: forms, use cases and queries do the work)."""
