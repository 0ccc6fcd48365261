"""The practice journal: accounts, clients, visits (intake, foot chart, session note), courses,
prices, timeline, home journal, exports, backup and the audit log.

Storage is SQLAlchemy 2 on an SQLite file by default or PostgreSQL; schema changes are Alembic
migrations shipped in ``migrations/``. Service functions take a database session first and
everything else by keyword (``create_client(session, *, owner, data)``); every query about a
client is filtered by its owner, and a record of another practitioner is ``NotFound``, exactly
like one that does not exist. Nothing here is imported by ``plantar kb``, ``screen`` or
``plan``: the commands that need it import it when they run.
"""
