"""The channels a notice goes by (docs/notices.md): e-mail over SMTP (email.py), SMS and Zalo
through HTTP gateways whose request and answer shapes are provider mapping modules
(providers/), and a sandbox gateway for tests and training (sandbox.py). Headless, no database:
app/services/notices/sender.py drives them."""
