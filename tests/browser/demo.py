"""A demo-like live blog with every kind of content, for the accessibility
check and the screenshots."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from tests.factories import (
    image,
    make_image,
    numbered_updates,
    publish,
    quote,
    text,
    update,
)


def demo_items(now=None) -> list[dict]:
    now = now or timezone.now()
    bridge = make_image("Millbrook bridge under water", colour=(52, 96, 140))
    shelter = make_image("Volunteers at the stadium shelter", colour=(150, 90, 40))
    minutes = lambda n: now - timedelta(minutes=n)  # noqa: E731
    return [
        update(
            "Evacuation order widened to the river districts",
            body=[
                text(
                    "<p>The county has extended the evacuation order to all "
                    "homes within 500 metres of the river. Buses leave from "
                    "the town hall every 20 minutes.</p>"
                )
            ],
            posted_at=minutes(4),
            author="Dana Whitfield",
            key_event=True,
        ),
        update(
            "Millbrook bridge closed",
            body=[
                text("<p>Water is now over the deck of the Millbrook bridge.</p>"),
                image(
                    bridge,
                    credit="Reuters",
                    caption="The Millbrook bridge at noon",
                    alt="Brown flood water covering the road across a bridge",
                ),
            ],
            posted_at=minutes(18),
            author="Sam Okafor",
        ),
        update(
            "",
            body=[
                quote(
                    "We have never seen the river this high. Please leave now "
                    "if you are told to.",
                    "Mayor Ana Reyes",
                )
            ],
            posted_at=minutes(31),
        ),
        update(
            "Where to find shelter tonight",
            body=[
                text(
                    "<p>Shelters are open at the <a href='https://example.com/'>"
                    "city stadium</a> and at Eastport high school. Bring "
                    "medication and documents.</p>"
                ),
            ],
            posted_at=minutes(45),
            pinned=True,
        ),
        update(
            "Rain gauge passes record",
            body=[text("<p>142 mm of rain in 24 hours, a record for March.</p>")],
            posted_at=minutes(70),
            key_event=True,
        ),
        update(
            "Schools closed on Friday",
            body=[
                text("<p>All schools in the district will stay closed.</p>"),
                image(
                    shelter, credit="City of Millbrook", caption="Cots at the stadium"
                ),
            ],
            posted_at=minutes(95),
        ),
    ]


def publish_demo(blog):
    blog.title = "Storm Ellen: flooding across the valley"
    blog.intro = (
        "<p>Heavy rain has flooded roads and homes across the valley. "
        "Follow the latest here.</p>"
    )
    blog.summary = (
        "<ul><li>Evacuation order widened to the river districts</li>"
        "<li>Millbrook bridge closed; shelters open at the stadium</li></ul>"
    )
    blog.coverage_start = timezone.now() - timedelta(hours=3)
    items = demo_items()
    return publish(blog, items), items


KEY_POINTS = (
    "<ul><li>The river is expected to peak at 4.2 metres tonight</li>"
    "<li>Homes within 500 metres of the river are being evacuated</li>"
    "<li>Shelters are open at the stadium and Eastport high school</li></ul>"
)


def forty_five_items() -> list[dict]:
    """The reader issue's blog: 45 updates one minute apart (newest first),
    every tenth (10, 20, 30, 40) a key event."""
    items = numbered_updates(45)
    for item in items:
        number = int(item["value"]["headline"].split()[-1])
        item["value"]["key_event"] = number % 10 == 0
    return items


def publish_forty_five(blog):
    """``blog`` with key points and :func:`forty_five_items`, published."""
    blog.summary = KEY_POINTS
    items = forty_five_items()
    return publish(blog, items), items


FIRST_SCREEN_INTRO = (
    "<p>Storm Ingrid, the strongest storm in thirty years, came ashore near "
    "Kestrel Point this morning. Our reporters follow it along the coast "
    "and in the valleys as it happens.</p>"
)
FIRST_SCREEN_KEY_POINTS = (
    "<ul><li>Storm Ingrid came ashore at Kestrel Point with a record gust of "
    "98mph.</li><li>Harbour Row in Port Calloway flooded after it was "
    "evacuated; the River Tamsin burst its banks.</li><li>Three fishermen were "
    "rescued off Merrow Head. No serious injuries.</li><li>About 34,000 homes "
    "are without power; rest centres are open.</li></ul>"
)


def first_screen_items(now=None) -> list[dict]:
    """Issue 18's phone scenario: ten key events among 24 updates (newest
    first) and, 40 minutes old, a pinned update with a photo."""
    now = now or timezone.now()
    photo = make_image("Rest centre at Calloway Academy", colour=(60, 110, 90))
    items = []
    for n in range(24, 0, -1):
        items.append(
            update(
                f"Update {n}",
                body=[
                    text(
                        f"<p>What happened in update {n}, in two short lines of text.</p>"
                    )
                ],
                posted_at=now - timedelta(minutes=3 * (25 - n)),
                key_event=n % 2 == 0 and n > 4,
            )
        )
    items.append(
        update(
            "Where to find help",
            body=[
                text(
                    "<p>Rest centres are open at Calloway Academy and Ashcombe "
                    "village hall, with hot food and camp beds. Bring "
                    "medicines and phone chargers.</p><p>Power cuts: call "
                    "Brightline Power on 0800 000 105. In an emergency, call "
                    "999.</p>"
                ),
                image(
                    photo,
                    credit="Coastline Pictures",
                    caption="Camp beds at Calloway Academy",
                    alt="Rows of camp beds in a school hall",
                ),
            ],
            posted_at=now - timedelta(minutes=40),
            pinned=True,
            author="Hannah Pryce",
        )
    )
    return items


def publish_first_screen(blog):
    """``blog`` as issue 18 asks the phone's first screen to hold: a
    two-sentence intro, four key points, a pinned update with a photo and
    ten key events."""
    blog.title = "Live: Storm Ingrid makes landfall"
    blog.intro = FIRST_SCREEN_INTRO
    blog.summary = FIRST_SCREEN_KEY_POINTS
    blog.coverage_start = timezone.now() - timedelta(hours=3)
    items = first_screen_items()
    return publish(blog, items), items
