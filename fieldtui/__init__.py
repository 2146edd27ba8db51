"""fieldtui: interviews, group discussions and polls in the terminal, sealed for supervisors."""

__version__ = "0.1.0"
