"""Newsroom-grade live blogs for Wagtail."""

__version__ = "0.2.0"
