"""Signed webhooks: each change of a public, live blog, sent to other systems.

An optional Django app. A site adds ``"wagtail_liveblog.webhooks"`` to
``INSTALLED_APPS`` and migrates; editors with the rights add endpoints
under **Settings → Live blog webhooks**. See ``docs/webhooks.md``.

- ``models.py``: endpoints, and the log of deliveries and their attempts;
- ``events.py``: the event types and what each one's ``data`` holds;
- ``dispatch.py``: a change → one delivery per endpoint and event;
- ``delivery.py``: one attempt at a delivery (a task), its retries;
- ``signing.py``: secrets, and signatures as Standard Webhooks says;
- ``targets.py``: which URLs deliveries may go to (public addresses only);
- ``forms.py``, ``views.py``, ``viewsets.py``, ``panels.py``: the admin.
"""
