"""v0 package."""
