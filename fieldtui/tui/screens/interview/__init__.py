"""The interview method's screens."""
