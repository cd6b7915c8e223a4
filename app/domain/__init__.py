"""Pure domain rules: small types and functions, no database, no Qt."""
