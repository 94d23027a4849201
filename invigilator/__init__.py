"""The room console: dashboard, LAN server, store, reports, outbox."""
