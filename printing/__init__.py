"""ReportLab documents: forms, tickets, reports (later issues)."""
