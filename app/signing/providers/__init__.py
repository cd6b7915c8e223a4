"""Remote signing services, one mapping module each (app/signing/remote.py speaks to them through
these): the service's REST calls and field names, kept apart from the signing itself."""

PROVIDERS = ("generic_json", "sandbox")
