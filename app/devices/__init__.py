"""Serial devices at the counter: scanners, counter displays, the ticket printer."""
