"""Chat adapters."""
