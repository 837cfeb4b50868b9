"""Root-cause tickets (endpoints.md §10)."""
