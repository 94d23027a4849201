"""The hub's database: PostgreSQL by URL (SQLite for a one-machine trial), migrated by Alembic."""
