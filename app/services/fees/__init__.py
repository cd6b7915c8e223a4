"""Fees the way a treasury inspector checks them (docs/fees.md): receipts for every payment
(receipts.py), the counter's daily closing (closing.py), the fee figures (app/services/reports/fees.py).
Payments themselves are recorded by app/services/dossiers/payments.py."""
