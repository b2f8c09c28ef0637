"""Pieces every area's views share: forms, the wizard and its drafts, paging, errors,
static files and branding."""
