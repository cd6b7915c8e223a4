"""The `motcua` command line: every headless capability is a subcommand."""
