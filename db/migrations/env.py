"""Alembic environment: always run programmatically with a connection (db/migrate.py)."""

from alembic import context

from db.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - we never run alembic from its own CLI
    raise RuntimeError("Run migrations through `motcua db upgrade`.")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
