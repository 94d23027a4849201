"""Alembic's environment for the console: it runs on the connection the console opened."""

from __future__ import annotations

from alembic import context

from invigilator.store.schema import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - the console always passes its connection
    raise RuntimeError("the console's migrations run through invigilator.store.database.open_database")

context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite", compare_type=True)
with context.begin_transaction():
    context.run_migrations()
