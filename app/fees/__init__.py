"""E-receipt providers (biên lai điện tử, DOMAIN.md §15): what the app sends to the office's
provider and reads back, kept apart from the fee services (app/services/fees/)."""
