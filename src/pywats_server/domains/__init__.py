"""WATS API domains. Each one mirrors a part of the WATS API: ``routes`` parses and serialises, ``backend``
does the work, ``tables`` stores it, ``schemas`` describes the wire shapes."""
