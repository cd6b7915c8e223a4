"""The provincial portal: the neutral records the sync engine works with (contract), one wire
format per province (dvc_mapping), the HTTP client, the sync engine and the sandbox portal."""
