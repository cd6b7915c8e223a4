"""Document scanners (số hóa at intake, issue 21): one interface, several ways in — eSCL over
HTTP, SANE's `scanimage`, a watched folder, a file chosen by hand — each with a twin the tests
drive over its real protocol. Nothing here imports Qt: the desk runs a scan in a worker (ui/ops.py)."""
