"""SCIM 2.0 user provisioning (endpoints.md §11, RFC 7643/7644)."""
