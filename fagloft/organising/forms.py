"""Forms of the app, built on fagloft.lib.forms."""
