"""Use cases. Each public function checks the caller's permission and runs in one transaction."""
