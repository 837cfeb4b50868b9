"""The ``pywats`` command: library tools for a shell (``pywats export ...``)."""
