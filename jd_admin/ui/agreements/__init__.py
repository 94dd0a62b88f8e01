"""agreements."""
