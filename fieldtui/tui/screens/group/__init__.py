"""The group method's screens."""
