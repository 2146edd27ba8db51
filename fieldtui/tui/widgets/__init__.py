"""Widgets the screens share: tone strip, outline, section timer, answer entries."""
