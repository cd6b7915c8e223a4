"""The sandbox portal (`motcua portal-sandbox`): a stand-in for the provincial public-service portal
that implements docs/portal-api.md over real HTTP, with its own SQLite store, a small citizen web
page and fault switches. It is a separate system from the counter app: it never imports db.models
or the app's services."""
