"""The operations the benchmark measures, by the name their rows carry."""

from __future__ import annotations

# Operations, in table order. Every run prints a row for each (n/a when the
# code it measures is not available).
API_FIRST_PAGE = "API first page"
API_BLOG_DETAIL = "API blog detail"
API_PAGES_DETAIL = "API pages detail"
API_LOAD_MORE = "API load-more page"
FRAGMENT_LOAD_MORE = "Load-more fragment (HTML)"
POLL_NO_CHANGE = "Poll, no change"
POLL_NO_CHANGE_FAST = "Poll, no change (LiveBlogPollMiddleware)"
API_POLL_NO_CHANGE = "API poll, no change"
POLL_ONE_NEW = "Poll after one new update"
API_POLL_ONE_NEW = "API poll after one new update"
REVALIDATE_POLL = "304 revalidation (poll)"
REVALIDATE_POLL_FAST = "304 revalidation (poll, LiveBlogPollMiddleware)"
REVALIDATE_API = "304 revalidation (API first page)"
READER_PAGE = "Reader page"
POST_UPDATE = "editing.post_update"
EDIT_UPDATE = "Publish an edit (editing.edit_update)"

OPERATIONS = [
    API_FIRST_PAGE,
    API_BLOG_DETAIL,
    API_PAGES_DETAIL,
    API_LOAD_MORE,
    FRAGMENT_LOAD_MORE,
    POLL_NO_CHANGE,
    POLL_NO_CHANGE_FAST,
    API_POLL_NO_CHANGE,
    POLL_ONE_NEW,
    API_POLL_ONE_NEW,
    REVALIDATE_POLL,
    REVALIDATE_POLL_FAST,
    REVALIDATE_API,
    READER_PAGE,
    POST_UPDATE,
    EDIT_UPDATE,
]
# The rows measured against the bare Wagtail publish rather than the naive page.
WRITE_OPERATIONS = {POST_UPDATE, EDIT_UPDATE}
