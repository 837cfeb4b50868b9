"""The Process domain: test, repair and WIP operations and repair fail codes (endpoints.md §2.2, §8)."""
