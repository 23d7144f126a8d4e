"""Reproducible benchmarks of wagtail-liveblog against a naive baseline."""
