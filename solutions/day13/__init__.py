"""Day 13 — Persistence: SQLAlchemy 2.0 typed models, async sessions, a repository and alembic
migrations. The graders run your code against a real database: a fresh SQLite file per check,
or a PostgreSQL server when ``KATAS_DATABASE_URL`` names one."""
