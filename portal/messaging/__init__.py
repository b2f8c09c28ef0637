"""Mail: the outbox, its SMTP transport, digests and address checks."""
