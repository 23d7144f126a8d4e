"""The demo live blog's story: Storm Ingrid reaches the Westmarch coast.

Everything here is invented for the demo: the storm, the towns, the people,
the companies and the picture agencies. Updates are listed oldest first;
``seed_demo`` spreads them over the hours before it runs.

Body items: a plain string is a paragraph of text, ``Q(...)`` a quote and
``I(...)`` a generated picture (see ``demo_images.SCENES``).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Q:
    text: str
    attribution: str


@dataclass(frozen=True)
class I:  # noqa: E742 - short on purpose: the story below reads as prose
    scene: str
    caption: str
    credit: str
    alt: str = ""


@dataclass(frozen=True)
class Update:
    headline: str
    author: str | tuple[str, ...]  # a joint byline: names in order
    body: list = field(default_factory=list)
    key_event: bool = False
    pinned: bool = False
    # Text may say "{time}" (this update's local time) or "{<key>}" (the
    # time of the update with that key), since the story's times move.
    key: str = ""

    @property
    def authors(self) -> list[str]:
        return [self.author] if isinstance(self.author, str) else list(self.author)


TITLE = "Live: Storm Ingrid makes landfall"
SLUG = "storm-ingrid-live"
INTRO = (
    "<p>Storm Ingrid, the strongest storm to reach the Westmarch coast in "
    "thirty years, came ashore near Kestrel Point today. Follow our "
    "reporters in Port Calloway, along Merrow Bay and in the Tamsin valley "
    "as it happens.</p>"
)
SUMMARY = (
    "<ul><li>Storm Ingrid came ashore at Kestrel Point with a record gust "
    "of 98mph.</li><li>Harbour Row in Port Calloway flooded after it was "
    "evacuated; the River Tamsin burst its banks at Ashcombe.</li><li>Three "
    "fishermen were rescued off Merrow Head. No serious injuries have been "
    "reported.</li><li>About 34,000 homes are without power; rest centres "
    "are open.</li></ul>"
)
HOME_TITLE = "The Calloway Courier"
HOME_INTRO = (
    "<p>News from Port Calloway and the Westmarch coast. This is the demo "
    "site of wagtail-liveblog: every place, person and event on it is "
    "fictional.</p>"
)

PRIYA = "Priya Natarajan in Port Calloway"
TOM = "Tom Ellery at Kestrel Point"
MARTA = "Marta Kowalczyk, weather correspondent"
DANIEL = "Daniel Osei in the Tamsin valley"
HANNAH = "Hannah Pryce, live editor"

MERIDIAN = "Meridian Press Agency"
COASTLINE = "Coastline Pictures"
HARBOUR_LIGHT = "Harbour Light Photo"
CWS = "Coastal Weather Service"

UPDATES: list[Update] = [
    Update(
        "Welcome to our live coverage",
        HANNAH,
        [
            "Hello and welcome. Storm Ingrid is expected to reach the Westmarch "
            "coast within the next few hours, bringing gusts of up to 90mph "
            "and a storm surge on the next high tide. Our reporters are "
            "spread along the coast and we will bring you every development "
            "here."
        ],
    ),
    Update(
        "Red warning issued for the whole coast",
        MARTA,
        [
            "The Coastal Weather Service has raised its warning to red, its "
            "highest level, for the coast from Kestrel Point to Lower "
            "Brackley. A red warning means a danger to life from flying "
            "debris and large waves.",
            Q(
                "This is a storm to take seriously. Stay indoors once the "
                "wind picks up, stay away from the sea front, and do not "
                "drive unless you have to.",
                "Dr Lena Marsh, chief forecaster, Coastal Weather Service",
            ),
        ],
        key_event=True,
    ),
    Update(
        "Dark skies gather over the harbour",
        PRIYA,
        [
            I(
                "harbour",
                "Storm clouds build over the roofs of Port Calloway's old "
                "town at {time}.",
                MERIDIAN,
                "Dark grey clouds above a row of houses and a church spire, "
                "with rain beginning to fall.",
            ),
            "The light has gone strange here: a yellow-grey haze over the "
            "harbour, and the gulls have moved inland.",
        ],
    ),
    Update(
        "Schools close early",
        HANNAH,
        [
            "Westmarch County Council says all of its schools have closed "
            "early. School buses ran early and the council says every pupil "
            "has been collected."
        ],
    ),
    Update(
        "Ferries cancelled for the rest of the day",
        PRIYA,
        [
            "Tidewater Ferries has cancelled all sailings between Port "
            "Calloway and the Skerrin Isles until tomorrow lunchtime at the "
            "earliest. Passengers can change their tickets without a fee."
        ],
    ),
    Update(
        "",
        PRIYA,
        [
            "Sandbags are going down along Harbour Row. Shopkeepers have been "
            "boarding up windows since this morning; the hardware shop on "
            "Quay Street sold out of plywood by eleven."
        ],
    ),
    Update(
        "Evacuation of Harbour Row ordered",
        PRIYA,
        [
            "Port Calloway's council has ordered the roughly 400 residents of "
            "Harbour Row and the Strand to leave their homes before the "
            "next high tide. A rest centre has opened at Calloway "
            "Academy.",
            Q(
                "We would rather move people tonight and be wrong than leave "
                "them and be right. Please go to a friend or to the academy.",
                "Edith Rowan, Mayor of Port Calloway",
            ),
        ],
        key_event=True,
    ),
    Update(
        "Where the storm is now",
        MARTA,
        [
            I(
                "radar",
                "Radar image of Storm Ingrid at {time}, its heaviest rain "
                "about 60 miles off the coast.",
                CWS,
                "A weather radar map with a spiral band of heavy rain "
                "approaching a coastline.",
            ),
            "The centre of the storm is about 60 miles west of Kestrel Point "
            "and moving east at 35mph. The strongest winds are on its "
            "southern flank, which is the part that will cross Merrow Bay.",
        ],
    ),
    Update(
        "Rail services suspended",
        HANNAH,
        [
            "Westmarch Railways has suspended trains on the coast line "
            "between Fennick and Lower Brackley for the rest of the day "
            "because of the risk of fallen trees and waves over the sea wall at "
            "Saltcombe."
        ],
    ),
    Update(
        "Waves already over the promenade",
        TOM,
        [
            "Two hours before landfall, waves are breaking over the "
            "promenade at Kestrel Point. The coastguard has closed the road "
            "to the lighthouse."
        ],
    ),
    Update(
        "Harbourmaster: boats moved to inner basin",
        PRIYA,
        [
            Q(
                "Every boat that could move has gone into the inner basin or "
                "been lifted out. The outer harbour will take a beating "
                "tonight, there's no way round that.",
                "Idris Pellow, harbourmaster",
            )
        ],
    ),
    Update(
        "What to do if you lose power",
        HANNAH,
        [
            "Brightline Power asks customers to report cuts on its helpline "
            "rather than on social media, to keep a torch rather than candles "
            "to hand, and to stay well away from fallen lines: assume every "
            "cable is live."
        ],
    ),
    Update(
        "",
        DANIEL,
        [
            "In the Tamsin valley the river is already high after a wet week. "
            "Farmers near Ashcombe have moved sheep to the upper fields."
        ],
    ),
    Update(
        "Gusts pass 70mph at Kestrel Point",
        MARTA,
        [
            "The weather station on the lighthouse recorded a gust of 72mph "
            "at {time}. Dr Marsh says stronger gusts are expected within the "
            "hour."
        ],
    ),
    Update(
        "Waves pound the sea wall",
        TOM,
        [
            I(
                "waves",
                "Waves break against the sea wall below Kestrel Point "
                "lighthouse as the storm approaches.",
                COASTLINE,
                "White waves crashing over a stone sea wall with a "
                "lighthouse on the headland behind.",
            ),
            "Spray is reaching the car park above the wall, about 30 feet "
            "above the water. The few people who came to watch have been "
            "sent home by the coastguard.",
        ],
    ),
    Update(
        "Rest centre filling up",
        PRIYA,
        [
            "About 120 people have arrived at the rest centre at Calloway "
            "Academy so far. Volunteers are handing out blankets and soup.",
            Q(
                "I've lived on the Strand for fifty-one years and I've never "
                "been told to leave before. I brought the cat and my "
                "husband's photographs.",
                "Aileen Mack, retired teacher",
            ),
        ],
    ),
    Update(
        "Storm Ingrid makes landfall at Kestrel Point",
        MARTA,
        [
            "The Coastal Weather Service says the centre of Storm Ingrid "
            "crossed the coast at Kestrel Point at {time}. The worst of the "
            "wind and the surge are expected in the next three hours.",
        ],
        key_event=True,
        key="landfall",
    ),
    Update(
        "",
        TOM,
        [
            "It is hard to stand up on the headland now. The noise is "
            "constant, like a train that never passes."
        ],
    ),
    Update(
        "Roof torn from chapel in Fennick",
        DANIEL,
        [
            "Part of the roof of the Methodist chapel in Fennick has been "
            "torn off and landed in the road. Nobody was inside and nobody "
            "has been hurt, the fire service says."
        ],
    ),
    Update(
        "Fire service: 'stay off the roads'",
        PRIYA,
        [
            Q(
                "We've had more than sixty calls in an hour, most of them "
                "fallen trees and loose roofs. If you don't need to be on "
                "the road, please don't be. Our crews need it clear.",
                "Samuel Okafor, Chief Fire Officer, Westmarch Fire and Rescue",
            )
        ],
    ),
    Update(
        "Power cuts spread",
        HANNAH,
        [
            "Brightline Power says about 12,000 homes are now without "
            "electricity, most of them in Fennick, Ashcombe and the villages "
            "around Merrow Bay."
        ],
    ),
    Update(
        "Record gust of 98mph",
        MARTA,
        [
            "The lighthouse station at Kestrel Point has recorded a gust of "
            "98mph, the strongest measured on the Westmarch coast since "
            "records there began in 1961.",
            Q(
                "That reading has been checked twice. It is a record, and it "
                "is the kind of wind that brings down mature trees and "
                "lifts roofs.",
                "Dr Lena Marsh, Coastal Weather Service",
            ),
        ],
        key_event=True,
    ),
    Update(
        "Trees down across the valley road",
        DANIEL,
        [
            I(
                "trees",
                "A beech tree lies across the B3190 near Ashcombe, one of "
                "dozens brought down today.",
                HARBOUR_LIGHT,
                "A large fallen tree blocking a country road under a grey, "
                "windswept sky.",
            ),
            "The valley road between Ashcombe and Tamsin Bridge is blocked "
            "in at least three places.",
        ],
    ),
    Update(
        "Hospital switches to generators",
        HANNAH,
        [
            "Westmarch General Hospital is running on its generators after "
            "losing mains power. The hospital trust says all services are "
            "running normally and asks people not to call the wards for "
            "news."
        ],
    ),
    Update(
        "",
        PRIYA,
        [
            "The water is now over the quay at the bottom of Harbour Row. "
            "The evacuation order looks like the right call."
        ],
    ),
    Update(
        "Surge floods Harbour Row",
        PRIYA,
        [
            "The storm surge on top of the high tide has pushed the sea over "
            "the harbour wall. Harbour Row and the lower end of Quay Street "
            "are under about two feet of water.",
        ],
        key_event=True,
    ),
    Update(
        "Café owner: 'we did what we could'",
        PRIYA,
        [
            Q(
                "We put the sandbags down, we lifted the fridges onto "
                "blocks, and then we left. Whatever happens now happens. "
                "Everyone got out, that's what matters.",
                "Rosa Delgado, owner of the Anchor Café on Harbour Row",
            )
        ],
    ),
    Update(
        "Lifeboat launched to fishing boat in trouble",
        TOM,
        [
            "The Kestrel Point lifeboat has launched to help a fishing boat "
            "with engine failure about two miles off Merrow Head. Three crew "
            "are on board."
        ],
    ),
    Update(
        "Ashcombe residents told to prepare to leave",
        DANIEL,
        [
            "The Westmarch Flood Agency has issued a severe flood warning for "
            "the River Tamsin at Ashcombe and asked people in the lowest "
            "streets to be ready to leave."
        ],
    ),
    Update(
        "Coast road closed at Saltcombe",
        HANNAH,
        [
            "Police have closed the A390 coast road at Saltcombe, where "
            "shingle and debris thrown over the sea wall have blocked both "
            "lanes."
        ],
    ),
    Update(
        "Fishing crew rescued",
        (TOM, MERIDIAN),
        [
            "All three crew of the fishing boat Morwenna are safe. The "
            "lifeboat towed the boat into the lee of Merrow Head and took "
            "the crew aboard.",
            Q(
                "The sea out there tonight is as bad as I've seen it in "
                "twenty years on the boats. Those lads on the lifeboat are "
                "heroes, plain and simple.",
                "Ned Fairweather, skipper of the Morwenna",
            ),
        ],
        key_event=True,
    ),
    Update(
        "Lifeboat returns to harbour",
        TOM,
        [
            I(
                "lifeboat",
                "The Kestrel Point lifeboat returns after the rescue of the "
                "Morwenna's crew.",
                MERIDIAN,
                "A lifeboat with its lights on in a rough, dark sea.",
            ),
        ],
    ),
    Update(
        "",
        MARTA,
        [
            "Rainfall totals are adding up: 58mm at Tamsin Bridge since "
            "midnight, most of it in the last four hours."
        ],
    ),
    Update(
        "River Tamsin bursts its banks at Ashcombe",
        DANIEL,
        [
            "The Tamsin has come over its banks at the old mill in Ashcombe. "
            "Water is running down Mill Lane and into the village square.",
            I(
                "flood",
                "Floodwater in Mill Lane, Ashcombe, after the River Tamsin "
                "burst its banks.",
                COASTLINE,
                "A flooded village street between stone cottages, the water "
                "reflecting street lights.",
            ),
        ],
        key_event=True,
    ),
    Update(
        "Second rest centre opens",
        DANIEL,
        [
            "The council has opened a second rest centre at Ashcombe village "
            "hall, which stands on higher ground at the top of Church Hill."
        ],
    ),
    Update(
        "Tamsin Bridge closed",
        HANNAH,
        [
            "Tamsin Bridge, the main road crossing of the river, is closed "
            "while engineers check it. Drivers face a diversion of about "
            "twenty miles through Hollin."
        ],
    ),
    Update(
        "Brightline: 40,000 homes without power",
        HANNAH,
        [
            "The number of homes without electricity has risen to about "
            "40,000. Brightline Power says it has 300 engineers ready but "
            "cannot send them up poles until the wind drops.",
            Q(
                "We will start restoring supplies the moment it is safe to "
                "do so, and not a minute before. Some customers should "
                "expect to be without power overnight.",
                "Gwen Talbot, Brightline Power",
            ),
        ],
        key_event=True,
    ),
    Update(
        "Volunteers ferry supplies by tractor",
        DANIEL,
        [
            "Farmers around Ashcombe are using tractors to carry bottled "
            "water and food parcels to houses cut off by the floodwater."
        ],
    ),
    Update(
        "How to find help tonight",
        HANNAH,
        [
            "Rest centres are open at Calloway Academy (Port Calloway) and "
            "Ashcombe village hall. Both have hot food, blankets and room "
            "for pets. The council's storm line is open all night."
        ],
    ),
    Update(
        "",
        TOM,
        [
            "The wind has backed to the north-west here and the gusts feel a "
            "little less violent, though the sea is still enormous."
        ],
    ),
    Update(
        "Mayor thanks emergency crews",
        PRIYA,
        [
            Q(
                "Tonight our firefighters, lifeboat crews and council staff "
                "have been extraordinary. Please keep listening to them for "
                "a few more hours.",
                "Edith Rowan, Mayor of Port Calloway",
            )
        ],
    ),
    Update(
        "Storm's centre moves inland",
        MARTA,
        [
            "The centre of Storm Ingrid is now over the Hollin hills and "
            "heading north-east. The coast will stay very windy for a few "
            "hours, but the surge has peaked."
        ],
    ),
    Update(
        "Flood barrier holds in the old town",
        PRIYA,
        [
            "The temporary flood barrier across the bottom of Market Street "
            "has held, keeping the water out of the old town. Council "
            "workers are pumping water back over it."
        ],
    ),
    Update(
        "Dusk on Quay Street",
        PRIYA,
        [
            I(
                "dusk",
                "Street lights come on above Quay Street as the floodwater "
                "begins to drain.",
                HARBOUR_LIGHT,
                "A street at dusk with lit windows and wet road reflecting the lights.",
            ),
        ],
    ),
    Update(
        "Trains will not run tonight",
        HANNAH,
        [
            "Westmarch Railways says the coast line will stay closed until "
            "at least tomorrow morning, while teams walk the track to look "
            "for damage."
        ],
    ),
    Update(
        "Warning downgraded to amber",
        MARTA,
        [
            "The Coastal Weather Service has lowered its warning for the "
            "coast to amber. A red warning stays in force for the Hollin "
            "hills for the next few hours.",
        ],
        key_event=True,
    ),
    Update(
        "",
        DANIEL,
        [
            "The river in Ashcombe has stopped rising, according to the "
            "gauge at the old mill. It is still about a metre above normal."
        ],
    ),
    Update(
        "Council: do not return home yet",
        PRIYA,
        [
            "Residents of Harbour Row are being told not to go back tonight, "
            "even where the water has gone down. Engineers need to check "
            "electrics and gas first."
        ],
    ),
    Update(
        "Schools to stay closed tomorrow",
        HANNAH,
        [
            "Westmarch County Council says schools in Port Calloway, Fennick "
            "and the Tamsin valley will stay closed tomorrow. Others will "
            "decide by seven o'clock in the morning."
        ],
    ),
    Update(
        "Power returning in Fennick",
        HANNAH,
        [
            "Brightline Power says supplies have been restored to about "
            "6,000 homes in Fennick. About 34,000 are still without power."
        ],
    ),
    Update(
        "Where to find help",
        HANNAH,
        [
            "Rest centres are open at Calloway Academy and Ashcombe village "
            "hall, with hot food and camp beds. Bring medicines and phone "
            "chargers.",
            "Power cuts: call Brightline Power on 0800 000 105. Flooding: "
            "the Westmarch flood line is 0800 000 210. In an emergency, "
            "call 999.",
        ],
        pinned=True,
    ),
    Update(
        "Damage at the marina",
        PRIYA,
        [
            "At least a dozen yachts have broken their moorings in the outer "
            "harbour. Two are on the slipway, one is on its side on the "
            "beach."
        ],
    ),
    Update(
        "Insurers open helplines",
        HANNAH,
        [
            "The main insurers covering the area have opened storm "
            "helplines. They ask people to photograph damage before they "
            "clear it up, if it is safe to do so."
        ],
    ),
    Update(
        "Fire service: 410 calls so far",
        PRIYA,
        [
            Q(
                "Four hundred and ten calls, no one seriously hurt. That's "
                "down to people listening to the warnings. Thank you.",
                "Samuel Okafor, Westmarch Fire and Rescue",
            )
        ],
    ),
    Update(
        "Engineers inspect Tamsin Bridge",
        DANIEL,
        [
            I(
                "bridge",
                "Engineers check Tamsin Bridge by torchlight, the river "
                "still high and fast beneath it.",
                MERIDIAN,
                "A stone road bridge over a swollen brown river, with "
                "torch beams on the parapet.",
            ),
            "Engineers with torches and a drone are checking the piers of "
            "Tamsin Bridge. The council hopes to reopen it to cars tomorrow "
            "if no damage is found.",
        ],
    ),
    Update(
        "",
        MARTA,
        [
            "Gusts are easing everywhere on the coast: the strongest in the "
            "last half hour was 58mph at Kestrel Point."
        ],
    ),
    Update(
        "Rest centre numbers",
        PRIYA,
        [
            "The council says 312 people are at the two rest centres "
            "tonight: 240 at Calloway Academy and 72 in Ashcombe. Both will "
            "stay open until at least noon tomorrow."
        ],
    ),
    Update(
        "Clean-up volunteers asked to wait for daylight",
        HANNAH,
        [
            "Many readers have asked how to help. The council thanks them "
            "and asks volunteers to register on its website and wait for "
            "daylight: streets are still dark and littered with debris."
        ],
    ),
    Update(
        "The view from Harbour Row",
        PRIYA,
        [
            "The water has drained from the top of Harbour Row, leaving "
            "sand, seaweed and a lobster pot in the middle of the road.",
            Q(
                "It's a mess, but it's a mess we can clean. The houses are "
                "still standing.",
                "Rosa Delgado, Anchor Café",
            ),
        ],
    ),
    Update(
        "Hollin hills: trees down, roads blocked",
        DANIEL,
        [
            "As the storm crosses the Hollin hills, police report fallen "
            "trees on every road out of Hollin. Drivers there are asked to "
            "stay where they are tonight."
        ],
    ),
    Update(
        "Brightline update",
        HANNAH,
        [
            "About 28,000 homes are still without power. Brightline Power "
            "says most should be reconnected by tomorrow evening, some "
            "remote farms later."
        ],
    ),
    Update(
        "Ferries to resume tomorrow afternoon",
        PRIYA,
        [
            "Tidewater Ferries plans to run its 14:00 sailing to the Skerrin "
            "Isles tomorrow, weather permitting."
        ],
    ),
    Update(
        "Forecaster: quieter weather by morning",
        MARTA,
        [
            Q(
                "By dawn Ingrid will be over the northern sea and losing its "
                "strength. Tomorrow will be blustery with showers, and a "
                "good deal calmer.",
                "Dr Lena Marsh, Coastal Weather Service",
            )
        ],
    ),
    Update(
        "Night falls on Kestrel Point",
        TOM,
        [
            "The lighthouse beam is sweeping over a sea still white with "
            "foam. The coastguard expects to reopen the headland road in "
            "the morning.",
            I(
                "lighthouse",
                "Kestrel Point lighthouse after dark, as the wind begins to ease.",
                HARBOUR_LIGHT,
                "A striped lighthouse on a dark headland, its beam crossing "
                "a rough sea under a night sky.",
            ),
        ],
    ),
    Update(
        "",
        HANNAH,
        [
            "Thank you to everyone who has sent us pictures and messages "
            "today. We are reading all of them."
        ],
    ),
    Update(
        "Red warning ends for the Hollin hills",
        MARTA,
        [
            "The Coastal Weather Service has ended its red warning for the "
            "Hollin hills. An amber wind warning covers the whole county "
            "until six o'clock tomorrow morning.",
        ],
        key_event=True,
    ),
    Update(
        "Our coverage continues overnight",
        HANNAH,
        [
            "Our reporters will stay in Port Calloway, Kestrel Point and "
            "Ashcombe through the night. We will bring you the first "
            "pictures of the damage at first light."
        ],
    ),
]


# Posted one at a time by ``manage.py demo_ticker`` while the demo runs, so
# that readers see new updates arrive without reloading.
TICKER: list[Update] = [
    Update(
        "Headland road reopens early",
        TOM,
        [
            "The coastguard has reopened the road to Kestrel Point sooner than "
            "expected. Crews are clearing shingle from the car park."
        ],
    ),
    Update(
        "",
        DANIEL,
        [
            "The gauge at the old mill in Ashcombe shows the Tamsin falling "
            "steadily, down 20cm in the last hour."
        ],
    ),
    Update(
        "Power back for 5,000 more homes",
        HANNAH,
        [
            "Brightline Power says another 5,000 homes around Merrow Bay have "
            "been reconnected. About 23,000 are still without electricity."
        ],
    ),
    Update(
        "Academy rest centre: 'people are sleeping'",
        PRIYA,
        [
            Q(
                "Most people have settled down for the night. We've run out "
                "of camp beds, but not of tea.",
                "Volunteer co-ordinator at Calloway Academy",
            )
        ],
    ),
    Update(
        "Coast road at Saltcombe cleared",
        HANNAH,
        [
            "Police say one lane of the A390 at Saltcombe has reopened after "
            "diggers cleared the shingle. Drivers should expect delays."
        ],
    ),
    Update(
        "Gusts below 50mph for the first time",
        MARTA,
        [
            "For the first time since the storm arrived, no weather station "
            "on the coast has recorded a gust above 50mph in the last hour."
        ],
    ),
    Update(
        "Harbourmaster counts the cost",
        PRIYA,
        [
            Q(
                "We've lost two pontoons and a good stretch of railing, and "
                "there are boats where boats shouldn't be. It could have been "
                "far worse.",
                "Idris Pellow, harbourmaster",
            )
        ],
    ),
    Update(
        "Tamsin Bridge: no damage found so far",
        DANIEL,
        [
            "Engineers say the first inspection of Tamsin Bridge found no "
            "damage. A second check will take place at first light before "
            "any decision to reopen it."
        ],
    ),
]
