"""Files the counter keeps: scans of the papers received and the results (app/services/files/store.py)."""
