"""Anonymity enforced: response headers, redaction, erasure and retention."""
