"""Alembic's environment for the hub: it runs on the connection the hub opened."""

from __future__ import annotations

from alembic import context

from hub.store.schema import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - the hub always passes its connection
    raise RuntimeError("the hub's migrations run through hub.store.database.open_database")

context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite", compare_type=True)
with context.begin_transaction():
    context.run_migrations()
