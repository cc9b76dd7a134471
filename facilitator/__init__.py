"""facilitator: a meeting facilitation and consensus engine for volunteer-run groups."""

__version__ = "0.1.0"
