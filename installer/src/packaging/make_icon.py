"""Draws the Karyo application icon (assets/icons/karyo.png, .ico, .icns): a few banded
chromosomes in a metaphase ring on a blue rounded square. Run: /usr/bin/python3 make_icon.py OUT_DIR (Debian python3-pil)."""
import math
import sys
from pathlib import Path

from PIL import Image, ImageDraw

S = 1024  # drawn large, scaled down with antialiasing


def chromosome(draw, cx, cy, length, width, angle, colour, band):
    """A rounded bar with dark bands and a centromere pinch, rotated by angle (radians)."""
    dx, dy = math.cos(angle), math.sin(angle)
    steps = 60
    for i in range(steps + 1):
        t = i / steps - 0.5
        x, y = cx + dx * t * length, cy + dy * t * length
        pinch = 0.72 if abs(t + 0.12) < 0.04 else 1.0  # centromere
        r = width / 2 * pinch
        fill = band if int((t + 0.5) * 9) % 3 == 1 else colour
        draw.ellipse([x - r, y - r, x + r, y + r], fill=fill)


def draw_icon():
    img = Image.new("RGBA", (S, S), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle([40, 40, S - 40, S - 40], radius=200, fill=(28, 78, 140, 255))
    d.ellipse([150, 150, S - 150, S - 150], fill=(40, 100, 170, 255))
    n = 9
    for k in range(n):
        a = 2 * math.pi * k / n
        rad = 250 if k % 2 else 300
        cx, cy = S / 2 + rad * math.cos(a), S / 2 + rad * math.sin(a)
        chromosome(d, cx, cy, 230 - 12 * (k % 4), 62, a + 1.2 + 0.3 * (k % 3),
                   (245, 240, 225, 255), (120, 90, 60, 255))
    chromosome(d, S / 2, S / 2, 260, 70, 0.6, (255, 250, 235, 255), (150, 60, 50, 255))
    return img


def main():
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    out.mkdir(parents=True, exist_ok=True)
    big = draw_icon()
    big.resize((256, 256), Image.LANCZOS).save(out / "karyo.png")
    big.resize((256, 256), Image.LANCZOS).save(out / "karyo.ico", sizes=[(16, 16), (32, 32), (48, 48), (256, 256)])
    big.resize((512, 512), Image.LANCZOS).save(out / "karyo.icns")


if __name__ == "__main__":
    main()
