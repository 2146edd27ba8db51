"""The poll method's screens."""
