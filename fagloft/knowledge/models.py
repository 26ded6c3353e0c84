"""Models of the app (see README.md)."""
