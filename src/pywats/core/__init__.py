"""Core utilities of pyWATS: transport, retry, error modes, configuration, station identity."""
