"""policywatch: China industrial-policy briefs and government documents as searchable, tracked data."""

__version__ = "0.1.0"
