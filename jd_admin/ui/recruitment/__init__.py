"""recruitment."""
