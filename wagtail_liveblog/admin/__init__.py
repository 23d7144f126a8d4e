"""The Wagtail admin side: the live desk (Wagtail's snippet views over one
blog's updates, with a quick composer) and the page editor's panel."""
