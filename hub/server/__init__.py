"""The hub's HTTPS server: the upload API, the verification pages, the OpenAPI schema (ADR 0031)."""
