"""The Software distribution domain: packages, versions, lifecycle, files, folders, station queries."""
