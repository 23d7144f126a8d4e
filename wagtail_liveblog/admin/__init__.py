"""The Wagtail admin side: the live desk and the page editor's panel.

- ``viewsets.py``: Wagtail's snippet views over ``LiveBlogUpdate`` and the
  desk's URLs (all under ``/admin/liveblog/``, namespace ``wagtail_liveblog``);
- ``desk.py``: the desk of one blog (Wagtail's listing, the status, the
  live refresh); ``rows.py``: its rows, drafts and scheduled updates apart
  from the live stream; ``composer.py``: the quick composer beside it, with
  ``composer_authors.py`` (its Authors) and ``composer_preview.py`` (its
  Preview); ``live_desks.py``: the sidebar's "Live desks";
- ``views.py``: Wagtail's create, edit, history… views, scoped to a blog
  (``scope.py``), with their action menu (``action_menu.py``);
- ``columns.py``, ``filters.py``, ``buttons.py``: the listing's columns,
  filters and row actions; ``toggles.py``: pin and key event from a row;
  ``row_actions.py``: publish, unpublish, approve and request changes from
  a row; ``coverage.py``: start and end the coverage; ``chooser.py``: the update
  chooser;
- ``panels.py``: the "Updates" panel of the page editor (imported by the
  page model: it imports nothing else from here).
"""
