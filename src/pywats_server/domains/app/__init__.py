"""Server metadata (``/api/App``)."""
