"""Demo data for `make run`: a region, complaints, confidant requests, families, reports."""
