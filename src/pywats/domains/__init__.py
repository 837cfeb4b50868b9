"""The WATS domains, one package each: models, repository (HTTP), service (logic), async and sync."""
