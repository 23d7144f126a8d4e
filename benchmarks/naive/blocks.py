"""0.1's update block, kept for the naive baseline.

Version 0.1 stored a live blog as one page StreamField of these blocks; the
package no longer has them (v2 keeps each update in a row of its own). The
naive page keeps the obvious design, so that the read rows compare ours
with a blog read and rendered whole.
"""

from wagtail import blocks

from wagtail_liveblog.blocks import UpdateBodyBlock


class UpdateBlock(blocks.StructBlock):
    headline = blocks.CharBlock(label="Headline", required=False, max_length=255)
    body = UpdateBodyBlock()
    author = blocks.CharBlock(
        label="Author",
        required=False,
        max_length=255,
        help_text="Byline shown with the update.",
    )
    pinned = blocks.BooleanBlock(
        label="Pinned",
        required=False,
        help_text="Show this update at the top of the blog.",
    )
    key_event = blocks.BooleanBlock(
        label="Key event",
        required=False,
        help_text="List this update among the key events.",
    )
    posted_at = blocks.DateTimeBlock(
        label="Posted at",
        required=False,
        help_text="Filled in when first published; change it only to correct it.",
    )
    updated_at = blocks.DateTimeBlock(
        label="Updated at",
        required=False,
        help_text="Set automatically when the update's content changes.",
    )

    class Meta:
        icon = "time"
        label = "Update"
        template = "naive/update_block.html"
