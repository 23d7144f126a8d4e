"""The live desk: admin views for posting and correcting updates one at a time.

URLs are added through the ``register_admin_urls`` hook (see
``wagtail_hooks.py``) under the ``wagtail_liveblog`` namespace.
"""
