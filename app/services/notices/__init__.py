"""Notices to the citizen: templates, the outbox written in the dossier's transaction, the sender
that drains it, and what the desk reads of it (docs/notices.md)."""
