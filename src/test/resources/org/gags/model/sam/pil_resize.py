#!/usr/bin/python3
"""Writes pil_resize.txt: Pillow's BILINEAR resize of small synthetic RGB images, the fixture of
PilResizeTest. Needs Debian's python3-pil (the build does not). Each line:
in_w in_h out_w out_h <hex of the out_h*out_w*3 result bytes, row-major RGB>.
Input pixel (x, y), channel c = (x*37 + y*91 + c*53 + (x*y*7) % 29) % 256."""
from PIL import Image

CASES = [(7, 5, 16, 11), (50, 40, 23, 17), (37, 29, 79, 62), (64, 48, 64, 20), (30, 30, 12, 30), (48, 36, 102, 77)]

def image(w, h):
    data = bytearray()
    for y in range(h):
        for x in range(w):
            for c in range(3):
                data.append((x * 37 + y * 91 + c * 53 + (x * y * 7) % 29) % 256)
    return Image.frombytes("RGB", (w, h), bytes(data))

with open("pil_resize.txt", "w") as f:
    f.write("# Pillow %s Image.resize(BILINEAR); written by pil_resize.py\n" % Image.__version__)
    for w, h, ow, oh in CASES:
        out = image(w, h).resize((ow, oh), Image.BILINEAR)
        f.write("%d %d %d %d %s\n" % (w, h, ow, oh, out.tobytes().hex()))
