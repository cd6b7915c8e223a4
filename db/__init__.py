"""Database layer: SQLAlchemy 2 models, engine setup, Alembic migrations."""
