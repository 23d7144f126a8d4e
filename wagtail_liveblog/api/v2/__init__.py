"""API v2: the read-only ``liveblogs`` endpoint and the pages-endpoint fields."""
