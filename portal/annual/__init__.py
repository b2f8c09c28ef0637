"""The annual report per municipality (issue 11): drafts, review, sending exactly once.

``service`` holds the rules (plain functions over a session), ``render`` draws the
HTML e-mail, PDF and CSV from one report document (portal/reporting/annual.py),
``jobs`` is the scheduler's daily step and ``cli`` the `flask reports` commands.
"""
