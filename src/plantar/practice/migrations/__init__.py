"""Alembic migrations of the practice journal (see plantar.practice.migrate)."""
