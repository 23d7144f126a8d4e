"""Newsroom-grade live blogs for Wagtail."""

__version__ = "0.1.0"
