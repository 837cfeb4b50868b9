"""The Report domain of the server: submit, store, index, query and export reports."""
