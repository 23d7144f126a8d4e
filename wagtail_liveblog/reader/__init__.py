"""Reader routes of a live blog page: the page, load more, the poll, the feed."""
