"""What the office signs digitally and signing it (docs/signing.md)."""
