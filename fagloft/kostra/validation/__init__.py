"""KOSTRA 15F validation: SSB's control rules and the figures derived from the file (plain modules, no models)."""
