"""Pictures for the demo live blog, drawn with Pillow (no photos shipped).

Each scene is a function that paints a 1600x900 RGB image from a seeded
random generator, so the demo looks the same every time it is seeded.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from io import BytesIO

from PIL import Image, ImageDraw, ImageFilter

W, H = 1600, 900
RGB = tuple[int, int, int]


# -- building blocks ----------------------------------------------------------


def gradient(top: RGB, bottom: RGB, size: tuple[int, int] = (W, H)) -> Image.Image:
    """A vertical gradient from ``top`` to ``bottom``."""
    mask = Image.linear_gradient("L").resize(size)
    return Image.composite(
        Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask
    )


def overlay(
    base: Image.Image, paint: Callable[[ImageDraw.ImageDraw], None], blur: float = 0
) -> Image.Image:
    """Paint on a transparent layer (optionally blurred) over ``base``."""
    layer = Image.new("RGBA", base.size, (0, 0, 0, 0))
    paint(ImageDraw.Draw(layer))
    if blur:
        layer = soften(layer, blur)
    return Image.alpha_composite(base.convert("RGBA"), layer).convert("RGB")


def soften(layer: Image.Image, radius: float) -> Image.Image:
    """A Gaussian blur, done at a smaller scale when it is wide (much faster)."""
    if radius < 1:
        return layer
    scale = 4 if radius >= 8 else 2
    small = layer.resize(
        (layer.width // scale, layer.height // scale), Image.Resampling.BILINEAR
    )
    small = small.filter(ImageFilter.GaussianBlur(radius / scale))
    return small.resize(layer.size, Image.Resampling.BILINEAR)


def clouds(
    base: Image.Image,
    rng: random.Random,
    colour: RGB,
    count: int,
    top: int,
    bottom: int,
) -> Image.Image:
    def paint(d: ImageDraw.ImageDraw) -> None:
        for _ in range(count):
            x, y = rng.randint(-200, W), rng.randint(top, bottom)
            rx, ry = rng.randint(120, 380), rng.randint(40, 110)
            shade = rng.randint(-18, 18)
            fill = (
                *(max(0, min(255, c + shade)) for c in colour),
                rng.randint(120, 220),
            )
            d.ellipse((x - rx, y - ry, x + rx, y + ry), fill=fill)

    return overlay(base, paint, blur=28)


def rain(
    base: Image.Image,
    rng: random.Random,
    count: int = 900,
    slant: int = 18,
    alpha: int = 70,
) -> Image.Image:
    def paint(d: ImageDraw.ImageDraw) -> None:
        for _ in range(count):
            x, y = rng.randint(-50, W), rng.randint(-50, H)
            length = rng.randint(25, 60)
            d.line((x, y, x + slant, y + length), fill=(220, 228, 235, alpha), width=2)

    return overlay(base, paint, blur=0.6)


def skyline(
    d: ImageDraw.ImageDraw,
    rng: random.Random,
    ground: int,
    colour: RGB,
    lit: float,
    spire: bool = True,
) -> None:
    """Houses, roofs and a spire along ``ground``, with some windows lit."""
    x = -20
    while x < W:
        width = rng.randint(90, 190)
        height = rng.randint(120, 260)
        top = ground - height
        d.rectangle((x, top, x + width, ground), fill=colour)
        d.polygon(
            [
                (x - 8, top),
                (x + width // 2, top - rng.randint(30, 70)),
                (x + width + 8, top),
            ],
            fill=colour,
        )
        for wx in range(x + 18, x + width - 24, 34):
            for wy in range(top + 22, ground - 30, 46):
                if rng.random() < lit:
                    d.rectangle((wx, wy, wx + 16, wy + 22), fill=(255, 214, 120))
        x += width + rng.randint(0, 14)
    if spire:
        sx = int(W * 0.62)
        d.rectangle((sx, ground - 330, sx + 70, ground), fill=colour)
        d.polygon(
            [(sx - 4, ground - 330), (sx + 35, ground - 520), (sx + 74, ground - 330)],
            fill=colour,
        )


def sea(
    img: Image.Image,
    rng: random.Random,
    horizon: int,
    top: RGB,
    bottom: RGB,
    crests: int,
) -> Image.Image:
    img.paste(gradient(top, bottom, (W, H - horizon)), (0, horizon))

    def paint(d: ImageDraw.ImageDraw) -> None:
        for _ in range(crests):
            y = rng.randint(horizon + 10, H)
            depth = (y - horizon) / (H - horizon)
            x = rng.randint(-100, W)
            length = int(60 + 260 * depth)
            thick = int(3 + 14 * depth)
            d.arc(
                (x, y - thick * 3, x + length, y + thick * 3),
                200,
                340,
                fill=(235, 240, 242, 210),
                width=thick,
            )

    return overlay(img, paint, blur=2.5)


# -- scenes ---------------------------------------------------------------


def harbour(rng: random.Random) -> Image.Image:
    img = gradient((52, 58, 66), (150, 140, 112))
    img = clouds(img, rng, (40, 44, 52), 40, -60, 480)
    img = overlay(img, lambda d: skyline(d, rng, 760, (24, 27, 33), lit=0.18))
    img.paste(gradient((54, 66, 74), (22, 30, 36), (W, H - 760)), (0, 760))
    return rain(img, rng, 700)


def waves(rng: random.Random) -> Image.Image:
    img = gradient((70, 78, 86), (170, 176, 178))
    img = clouds(img, rng, (60, 66, 74), 30, -40, 330)

    def land(d: ImageDraw.ImageDraw) -> None:
        d.polygon(
            [(980, 470), (1180, 330), (1600, 300), (1600, 520)], fill=(44, 48, 46)
        )
        d.polygon(
            [(1300, 316), (1318, 130), (1352, 130), (1370, 312)], fill=(238, 238, 232)
        )
        for y in (170, 230, 290):
            d.polygon(
                [(1316, y), (1354, y), (1358, y + 26), (1312, y + 26)],
                fill=(170, 36, 40),
            )
        d.rectangle((1306, 100, 1364, 132), fill=(40, 40, 40))
        d.ellipse((1318, 104, 1352, 128), fill=(255, 236, 170))

    img = overlay(img, land)
    img = sea(img, rng, 500, (92, 108, 112), (34, 52, 60), 260)

    def wall(d: ImageDraw.ImageDraw) -> None:
        d.polygon([(0, 760), (W, 700), (W, H), (0, H)], fill=(82, 80, 74))
        for _ in range(160):
            x, y = rng.randint(0, W), rng.randint(520, 760)
            r = rng.randint(20, 90)
            d.ellipse(
                (x - r, y - r, x + r, y + r), fill=(246, 248, 248, rng.randint(70, 170))
            )

    img = overlay(img, wall, blur=8)
    return rain(img, rng, 400, slant=28, alpha=50)


def radar(rng: random.Random) -> Image.Image:
    img = Image.new("RGB", (W, H), (10, 22, 38))

    def land(d: ImageDraw.ImageDraw) -> None:
        points = [(1040, -10)]
        for y in range(0, H + 60, 60):
            points.append((1000 + rng.randint(-60, 70) + int(y * 0.12), y))
        points += [(W, H), (W, -10)]
        d.polygon(points, fill=(34, 52, 44))

    img = overlay(img, land)

    def bands(d: ImageDraw.ImageDraw) -> None:
        cx, cy = 720, 470
        for i in range(900):
            t = i / 900 * 4.2 * math.pi
            radius = 30 + t * 42
            x = cx + radius * math.cos(t) + rng.randint(-30, 30)
            y = cy + radius * 0.78 * math.sin(t) + rng.randint(-30, 30)
            strength = rng.random() * (1.2 - t / (4.2 * math.pi))
            colour = (
                (230, 40, 40)
                if strength > 0.8
                else (240, 200, 40)
                if strength > 0.5
                else (60, 190, 90)
            )
            r = rng.randint(16, 40)
            d.ellipse((x - r, y - r, x + r, y + r), fill=(*colour, 150))

    img = overlay(img, bands, blur=10)

    def grid(d: ImageDraw.ImageDraw) -> None:
        for r in range(150, 1200, 150):
            d.ellipse(
                (1220 - r, 380 - r, 1220 + r, 380 + r),
                outline=(120, 160, 190, 90),
                width=2,
            )
        d.line((1220, 0, 1220, H), fill=(120, 160, 190, 90), width=2)
        d.line((0, 380, W, 380), fill=(120, 160, 190, 90), width=2)
        d.ellipse((1210, 370, 1230, 390), fill=(255, 255, 255, 230))

    return overlay(img, grid)


def trees(rng: random.Random) -> Image.Image:
    img = gradient((120, 126, 130), (196, 198, 194))
    img = clouds(img, rng, (96, 100, 104), 28, -40, 300)

    def scene(d: ImageDraw.ImageDraw) -> None:
        d.rectangle((0, 470, W, H), fill=(74, 96, 60))
        for x in range(-40, W, 70):
            h = rng.randint(60, 140)
            d.ellipse((x, 470 - h, x + 150, 500), fill=(46, 66, 42))
        d.polygon([(700, 470), (900, 470), (1500, H), (100, H)], fill=(62, 64, 66))
        d.line((800, 480, 800, 540), fill=(230, 230, 220), width=4)
        d.line((798, 600, 792, 700), fill=(230, 230, 220), width=8)
        d.line((180, 640, 1380, 760), fill=(70, 52, 38), width=84)
        d.ellipse((90, 560, 250, 740), fill=(88, 70, 52))
        for _ in range(36):
            x, y = rng.randint(1180, 1560), rng.randint(560, 860)
            r = rng.randint(40, 110)
            d.ellipse((x - r, y - r, x + r, y + r), fill=(58, 92, 44, 235))
        d.line((60, 720, 180, 650), fill=(70, 52, 38), width=30)

    img = overlay(img, scene, blur=1.2)
    return rain(img, rng, 500, slant=30, alpha=55)


def lifeboat(rng: random.Random) -> Image.Image:
    img = gradient((20, 26, 36), (46, 58, 70))
    img = clouds(img, rng, (34, 40, 50), 26, -60, 300)
    img = sea(img, rng, 420, (40, 56, 66), (12, 22, 30), 220)

    def boat(d: ImageDraw.ImageDraw) -> None:
        d.polygon([(520, 560), (1120, 540), (1060, 660), (600, 670)], fill=(22, 40, 86))
        d.polygon(
            [(600, 520), (1010, 512), (1040, 548), (580, 556)], fill=(230, 110, 30)
        )
        d.rectangle((700, 430, 900, 520), fill=(230, 110, 30))
        d.rectangle((720, 446, 880, 480), fill=(200, 220, 230))
        d.rectangle((790, 380, 804, 432), fill=(220, 220, 220))
        d.ellipse((786, 366, 808, 388), fill=(120, 180, 255))
        d.polygon([(900, 470), (1600, 360), (1600, 600)], fill=(255, 250, 220, 60))

    img = overlay(img, boat)

    def spray(d: ImageDraw.ImageDraw) -> None:
        for _ in range(90):
            x, y = rng.randint(460, 1200), rng.randint(560, 720)
            r = rng.randint(14, 60)
            d.ellipse(
                (x - r, y - r, x + r, y + r), fill=(236, 240, 242, rng.randint(60, 150))
            )

    img = overlay(img, spray, blur=6)
    return rain(img, rng, 600, slant=34, alpha=60)


def flood(rng: random.Random) -> Image.Image:
    img = gradient((86, 94, 104), (170, 168, 156))
    img = clouds(img, rng, (74, 80, 90), 24, -40, 260)

    def street(d: ImageDraw.ImageDraw) -> None:
        for side in (0, 1):
            for i in range(6):
                near = 1 - i / 6
                width = int(80 + 170 * near)
                height = int(220 + 260 * near)
                x0 = (
                    (i * 70 + int(120 * (1 - near)))
                    if side == 0
                    else W - i * 70 - int(120 * (1 - near)) - width
                )
                x0 = x0 if side == 0 else x0
                top = 560 - height
                stone = (120 + i * 8, 112 + i * 8, 100 + i * 8)
                d.rectangle((x0, top, x0 + width, 600), fill=stone)
                d.polygon(
                    [
                        (x0 - 10, top),
                        (x0 + width // 2, top - 60 * near - 20),
                        (x0 + width + 10, top),
                    ],
                    fill=(58, 60, 66),
                )
                for wy in range(top + 40, 560, 90):
                    d.rectangle(
                        (x0 + width // 4, wy, x0 + width // 4 + width // 3, wy + 46),
                        fill=(255, 210, 120) if rng.random() < 0.3 else (44, 50, 58),
                    )

    img = overlay(img, street)
    upper = img.crop((0, 0, W, 560)).transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    water = Image.blend(
        upper.resize((W, H - 560)), Image.new("RGB", (W, H - 560), (60, 70, 60)), 0.45
    )
    img.paste(water.filter(ImageFilter.GaussianBlur(3)), (0, 560))

    def ripples(d: ImageDraw.ImageDraw) -> None:
        for _ in range(140):
            y = rng.randint(570, H)
            x = rng.randint(0, W)
            d.line(
                (x, y, x + rng.randint(40, 180), y), fill=(220, 226, 226, 90), width=2
            )

    img = overlay(img, ripples, blur=1)
    return rain(img, rng, 500, alpha=50)


def dusk(rng: random.Random) -> Image.Image:
    img = gradient((28, 36, 70), (196, 122, 86))
    img = clouds(img, rng, (50, 50, 76), 22, -40, 280)
    img = overlay(
        img, lambda d: skyline(d, rng, 640, (26, 26, 34), lit=0.5, spire=False)
    )
    img.paste(gradient((44, 44, 54), (20, 20, 26), (W, H - 640)), (0, 640))

    def lamps(d: ImageDraw.ImageDraw) -> None:
        for x in range(120, W, 360):
            d.ellipse((x - 70, 300, x + 70, 440), fill=(255, 200, 110, 90))
            d.line((x, 640, x, 370), fill=(18, 18, 22, 255), width=10)
            d.ellipse((x - 16, 354, x + 16, 386), fill=(255, 226, 150, 255))
            d.ellipse((x - 26, 650, x + 26, 890), fill=(255, 200, 110, 60))

    img = overlay(img, lamps, blur=4)
    return rain(img, rng, 350, slant=10, alpha=45)


def lighthouse(rng: random.Random) -> Image.Image:
    img = gradient((8, 14, 30), (34, 46, 70))

    def stars(d: ImageDraw.ImageDraw) -> None:
        for _ in range(60):
            x, y = rng.randint(0, W), rng.randint(0, 300)
            d.ellipse((x, y, x + 3, y + 3), fill=(220, 226, 240, rng.randint(60, 160)))

    img = overlay(img, stars)
    img = sea(img, rng, 560, (30, 44, 60), (6, 12, 20), 160)

    def headland(d: ImageDraw.ImageDraw) -> None:
        d.polygon(
            [(0, 900), (0, 540), (200, 470), (560, 452), (700, 540), (820, 900)],
            fill=(12, 15, 18),
        )
        d.polygon(
            [(330, 460), (350, 220), (392, 220), (412, 456)], fill=(200, 200, 196)
        )
        for y in (250, 320, 390):
            d.polygon(
                [(347, y), (395, y), (399, y + 30), (343, y + 30)], fill=(140, 30, 34)
            )
        d.rectangle((336, 186, 406, 222), fill=(30, 30, 30))

    img = overlay(img, headland)

    def beam(d: ImageDraw.ImageDraw) -> None:
        d.polygon([(371, 204), (1600, 60), (1600, 330)], fill=(255, 240, 190, 70))
        d.ellipse((340, 172, 402, 234), fill=(255, 244, 200, 240))

    return overlay(img, beam, blur=14)


def bridge(rng: random.Random) -> Image.Image:
    img = gradient((46, 54, 66), (120, 118, 110))
    img = clouds(img, rng, (58, 64, 74), 22, -40, 260)

    def scene(d: ImageDraw.ImageDraw) -> None:
        d.polygon([(0, 420), (W, 400), (W, 520), (0, 540)], fill=(56, 70, 52))
        d.rectangle((0, 520, W, H), fill=(110, 92, 64))
        for x in range(-40, W, 90):
            y = rng.randint(520, H)
            d.arc(
                (x, y - 20, x + 160, y + 20),
                200,
                340,
                fill=(170, 150, 112, 200),
                width=6,
            )
        d.rectangle((0, 330, W, 372), fill=(150, 146, 138))
        d.rectangle((0, 300, W, 312), fill=(120, 116, 110))
        for x in range(0, W, 40):
            d.line((x, 312, x, 330), fill=(120, 116, 110), width=4)
        for x in (260, 800, 1340):
            d.rectangle((x - 40, 372, x + 40, 640), fill=(130, 126, 118))
            d.ellipse((x - 120, 560, x + 120, 660), fill=(196, 178, 140, 160))
        d.polygon(
            [(980, 470), (1060, 440), (1120, 470), (1060, 500)], fill=(70, 50, 36)
        )

    img = overlay(img, scene, blur=1)

    def torches(d: ImageDraw.ImageDraw) -> None:
        for x in (640, 700, 1180):
            d.ellipse((x - 10, 286, x + 10, 306), fill=(255, 240, 180, 255))
            d.polygon(
                [(x, 296), (x + 140, 560), (x - 60, 560)], fill=(255, 240, 180, 45)
            )

    img = overlay(img, torches, blur=5)
    return rain(img, rng, 400, alpha=45)


SCENES: dict[str, Callable[[random.Random], Image.Image]] = {
    "harbour": harbour,
    "waves": waves,
    "radar": radar,
    "trees": trees,
    "lifeboat": lifeboat,
    "flood": flood,
    "dusk": dusk,
    "lighthouse": lighthouse,
    "bridge": bridge,
}


def render_jpeg(scene: str, seed: int = 2026) -> bytes:
    """The scene as JPEG bytes (about 100-200 KB)."""
    rng = random.Random(f"{scene}-{seed}")
    image = SCENES[scene](rng)
    buffer = BytesIO()
    image.save(buffer, format="JPEG", quality=82, optimize=True, progressive=True)
    return buffer.getvalue()
