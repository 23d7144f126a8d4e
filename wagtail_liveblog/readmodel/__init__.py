"""The read model: what readers and API clients get of an update, made once
when it is published and stored on its row, never per request.

- ``render``: the update's HTML, in the site's language and time zone;
- ``serialize``: the update's one JSON shape (API v2, API v3, the poll,
  the event stream, webhooks);
- ``shapes``: that shape, and the shapes of the answers built from it, as
  types the API v3 router and the generated OpenAPI documents share.

It sits below the models (``LiveBlogUpdate`` calls it at publish) and
imports none of them; the queries that read the stored rows are above the
models, in ``reading/``.
"""
