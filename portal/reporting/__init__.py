"""Figures without faces: the reporting core (issue 11).

Plain modules without Flask: ``queries`` counts in SQL (GROUP BY, never a Python
loop over rows), ``cube`` turns the counts of one calendar year into cells and the
sums that tie them together, ``suppression`` hides small groups and whatever could
recover them by subtraction, ``snapshots`` freezes a closed year, and ``views``
reads the frozen figures for a screen, a CSV or a report.
"""
