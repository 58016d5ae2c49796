#!/usr/bin/env python3
"""Writes clip_crop_cv2.txt: LangSplat's crop rule (get_seg_img, pad_img, cv2.resize to 224x224)
run by OpenCV on procedurally defined images and masks that ClipCropTest rebuilds in Java.

Made with Debian 12's python3-opencv 4.6.0 and python3-numpy:  /usr/bin/python3 clip_crop_cv2.py
Each line: case name, W, H, xa, ya, xb, yb, sha256 of the 224x224x3 uint8 output, then the 224
row sums (for locating a difference).
"""
import hashlib
import os

import cv2
import numpy as np

CASES = [
    ("single_pixel", 64, 48, 30, 20, 30, 20),
    ("zero_width", 64, 48, 30, 10, 30, 30),
    ("tiny", 64, 48, 30, 20, 34, 22),
    ("wide_small", 64, 48, 5, 10, 50, 30),
    ("tall", 200, 150, 60, 10, 120, 140),
    ("side_223", 480, 360, 100, 100, 323, 200),
    ("tall_250", 480, 360, 100, 50, 324, 300),
    ("side_224_copy", 480, 360, 10, 20, 234, 100),
    ("side_448_area", 480, 360, 0, 0, 448, 300),
    ("side_449", 480, 360, 0, 0, 449, 359),
    ("full_view", 480, 360, 0, 0, 479, 359),
    ("side_112_up2", 640, 480, 20, 5, 131, 117),
    ("tall_356", 480, 360, 7, 3, 343, 359),
]


def image(w, h):
    x = np.arange(w)[None, :, None]
    y = np.arange(h)[:, None, None]
    c = np.arange(3)[None, None, :]
    return ((x * 131 + y * 71 + c * 29 + ((x * y) % 97) * 3) % 256).astype(np.uint8)


def mask(w, h, xa, ya, xb, yb):
    x = np.arange(w)[None, :]
    y = np.arange(h)[:, None]
    m = (x >= xa) & (x <= xb) & (y >= ya) & (y <= yb)
    if xb - xa >= 4 and yb - ya >= 4:
        m &= (x * 7 + y * 13) % 11 != 0
        cut = min(xb - xa, yb - ya) // 4
        m &= np.minimum(x - xa, xb - x) + np.minimum(y - ya, yb - y) >= cut
    return m


def sam_box_xywh(m):
    # segment_anything: batched_mask_to_box (inclusive XYXY), then box_xyxy_to_xywh (w = x1 - x0).
    ys, xs = np.nonzero(m)
    x0, x1, y0, y1 = xs.min(), xs.max(), ys.min(), ys.max()
    return x0, y0, x1 - x0, y1 - y0


def get_seg_img(m, img, bbox):  # LangSplat preprocess.py
    img = img.copy()
    img[m == 0] = np.array([0, 0, 0], dtype=np.uint8)
    x, y, w, h = np.int32(bbox)
    return img[y:y + h, x:x + w, ...]


def pad_img(img):  # LangSplat preprocess.py
    h, w, _ = img.shape
    l = max(w, h)
    pad = np.zeros((l, l, 3), dtype=np.uint8)
    if h > w:
        pad[:, (h - w) // 2:(h - w) // 2 + w, :] = img
    else:
        pad[(w - h) // 2:(w - h) // 2 + h, :, :] = img
    return pad


def main():
    lines = []
    for name, w, h, xa, ya, xb, yb in CASES:
        img = image(w, h)
        m = mask(w, h, xa, ya, xb, yb)
        seg = get_seg_img(m, img, sam_box_xywh(m))
        if seg.shape[0] == 0 and seg.shape[1] == 0:
            # cv2.resize fails on an empty image; gags crops the single pixel instead.
            x0, y0, _, _ = sam_box_xywh(m)
            seg = get_seg_img(m, img, (x0, y0, 1, 1))
        out = cv2.resize(pad_img(seg), (224, 224))
        assert out.shape == (224, 224, 3) and out.dtype == np.uint8
        digest = hashlib.sha256(np.ascontiguousarray(out).tobytes()).hexdigest()
        rows = out.reshape(224, -1).astype(np.int64).sum(axis=1)
        lines.append(" ".join([name, str(w), str(h), str(xa), str(ya), str(xb), str(yb), digest]
                              + [str(int(r)) for r in rows]))
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "clip_crop_cv2.txt"), "w") as f:
        f.write("# cv2 " + cv2.__version__ + "; written by clip_crop_cv2.py\n")
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
