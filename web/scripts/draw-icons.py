"""Draws Nestling's app icons (an egg in a nest on the theme green) as PNGs, with no image
library: run `python3 scripts/draw-icons.py` in web/ after changing the design, and commit the PNGs."""
import struct
import zlib

GREEN = (0x1F, 0x5F, 0x4A)
EGG = (0xFF, 0xF8, 0xE7)
NEST = (0xC8, 0x8B, 0x3A)


def colour_at(x, y, scale):
    """The colour at a point of the unit square; `scale` shrinks the motif (maskable safe zone)."""
    u, v = (x - 0.5) / scale, (y - 0.5) / scale
    # The nest: the lower half of a wide ellipse band.
    if v > 0.05 and (u / 0.36) ** 2 + ((v - 0.05) / 0.22) ** 2 <= 1:
        return NEST
    # The egg: an ellipse a little narrower at the top.
    width = 0.2 if v > -0.05 else 0.2 - (-0.05 - v) * 0.25
    if (u / width) ** 2 + ((v + 0.04) / 0.3) ** 2 <= 1:
        return EGG
    return GREEN


def png(size, scale, path, samples=3):
    rows = []
    for py in range(size):
        row = bytearray([0])
        for px in range(size):
            acc = [0, 0, 0]
            for sy in range(samples):
                for sx in range(samples):
                    c = colour_at((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size, scale)
                    for i in range(3):
                        acc[i] += c[i]
            row += bytes(a // (samples * samples) for a in acc)
        rows.append(bytes(row))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b""))


png(192, 1.0, "public/icons/icon-192.png")
png(512, 1.0, "public/icons/icon-512.png")
# Maskable icons may be cropped to a circle of 80% of their width: the motif stays inside.
png(512, 0.75, "public/icons/maskable-512.png")
png(180, 1.0, "public/icons/apple-touch-icon.png")
