#!/usr/bin/env python3
"""The GAGS distillation step in plain PyTorch, for comparison with `gags bench distill`.

The same step as org.gags.distill (docs/METHOD.md section 3, code behaviour): F = W·f as
torch.sparse.mm over an uncoalesced COO matrix (pixels x Gaussians, as SparseRenderer.coo builds
it), the feature decoder (16 -> width, two residual blocks, -> 512, L2-normalised), the granularity
decoder (16-64-128-64-32-16-3, softmax, input gradient stopped), the channel-mean L1 against the
w-mixed target, the region map (5x5 box mean of w, argmax level, segment id), the region-aware
mean, entropy and consistency, and torch.optim.Adam per group (features lr 1e-3 eps 1e-15,
decoders lr 1e-4 eps 1e-8); no optimiser step at the last iteration. Inputs are synthetic with the
sizes of the Java benchmark's synthetic mode: exactly K random contributors per pixel (ids drawn
independently, so a pixel may rarely name a Gaussian twice), Voronoi segments per level (every
20th region uncovered) and random unit CLIP rows.

Modes:
  full      the whole step (sparse on top), features and both decoders trained;
  decoders  decoders + losses on a given (fixed) rendered map, both decoders trained;
  split     each part alone, forward + backward, as org.gags.distill.StepProfile times them.

Run with Debian's torch: /usr/bin/python3 bench/torch_step.py --threads 2 ...
Prints one JSON object.
"""
import argparse
import json
import resource
import statistics
import sys
import time

import numpy as np
import torch
import torch.nn.functional as fn

ENTROPY_EPS = 1e-6
NORMALIZE_EPS = 1e-12
GRANULARITY_WIDTHS = [64, 128, 64, 32, 16]
HOLE_EVERY = 20


def parse():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--gaussians", type=int, default=100_000)
    p.add_argument("--width", type=int, default=240)
    p.add_argument("--height", type=int, default=180)
    p.add_argument("--contributors", type=int, default=32)
    p.add_argument("--decoder-width", type=int, default=256)
    p.add_argument("--clip-dim", type=int, default=512)
    p.add_argument("--regions", default="150,100,50")
    p.add_argument("--iterations", type=int, default=12)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--split-repeats", type=int, default=3)
    p.add_argument("--mode", choices=["full", "decoders", "split"], default="full")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    if min(a.gaussians, a.width, a.height, a.contributors, a.decoder_width, a.clip_dim) < 1:
        p.error("sizes must be positive")
    if a.contributors > a.gaussians:
        p.error("--contributors must be at most --gaussians")
    if a.iterations < a.warmup + 2:
        p.error("--iterations must be at least --warmup + 2 (the last takes no optimiser step)")
    a.regions = [int(x) for x in a.regions.split(",")]
    if len(a.regions) != 3 or min(a.regions) < 1:
        p.error("--regions: three positive counts s,m,l")
    return a


class FeatureDecoder(torch.nn.Module):
    """METHOD.md section 3: x1=relu(L0 x); x2=relu(L2 relu(L1 x1)); x3=relu(L3(x1+x2)); ..."""

    def __init__(self, feature_dim, width, clip_dim):
        super().__init__()
        sizes = [(feature_dim, width)] + [(width, width)] * 7 + [(width, clip_dim)]
        self.layers = torch.nn.ModuleList(torch.nn.Linear(i, o) for i, o in sizes)

    def forward(self, x):
        L = self.layers
        x1 = torch.relu(L[0](x))
        x2 = torch.relu(L[2](torch.relu(L[1](x1))))
        x3 = torch.relu(L[3](x1 + x2))
        x4 = torch.relu(L[5](torch.relu(L[4](x3))))
        x5 = torch.relu(L[7](torch.relu(L[6](x3 + x4))))
        return fn.normalize(L[8](x5), p=2, dim=1, eps=NORMALIZE_EPS)


class GranularityDecoder(torch.nn.Module):
    def __init__(self, feature_dim):
        super().__init__()
        sizes = [feature_dim] + GRANULARITY_WIDTHS + [3]
        self.layers = torch.nn.ModuleList(torch.nn.Linear(sizes[i], sizes[i + 1]) for i in range(len(sizes) - 1))

    def forward(self, x):
        for i, layer in enumerate(self.layers):
            x = layer(x)
            if i < len(self.layers) - 1:
                x = torch.relu(x)
        return torch.softmax(x, dim=1)


def voronoi(rng, width, height, regions):
    cx = torch.tensor(rng.random(regions) * width, dtype=torch.float32)
    cy = torch.tensor(rng.random(regions) * height, dtype=torch.float32)
    ys, xs = torch.meshgrid(torch.arange(height) + 0.5, torch.arange(width) + 0.5, indexing="ij")
    px = torch.stack([xs.reshape(-1), ys.reshape(-1)], 1)
    nearest = torch.cdist(px, torch.stack([cx, cy], 1)).argmin(1)
    return torch.where(nearest % HOLE_EVERY == HOLE_EVERY - 1, torch.full_like(nearest, -1), nearest)


def inputs(a):
    rng = np.random.default_rng(a.seed)
    n = a.width * a.height
    k = a.contributors
    rows = torch.arange(n, dtype=torch.int64).repeat_interleave(k)
    cols = torch.tensor(rng.integers(0, a.gaussians, n * k), dtype=torch.int64)
    alpha = rng.uniform(0.01, 0.2, (n, k))
    t = np.cumprod(np.concatenate([np.ones((n, 1)), 1 - alpha[:, :-1]], 1), 1)
    weights = torch.tensor((alpha * t).reshape(-1), dtype=torch.float32)
    W = torch.sparse_coo_tensor(torch.stack([rows, cols]), weights, (n, a.gaussians))
    segments = [voronoi(rng, a.width, a.height, r) for r in a.regions]
    tables = []
    for r in a.regions:
        v = torch.tensor(rng.standard_normal((r, a.clip_dim)), dtype=torch.float32)
        tables.append(v / v.norm(dim=1, keepdim=True))
    return W, segments, tables


class Step:
    """The step's parts, as org.gags.distill.EngineLoss composes them."""

    def __init__(self, a, W, segments, tables):
        self.a = a
        self.W = W
        self.n = a.width * a.height
        self.segments = segments
        self.offsets = [0, a.regions[0], a.regions[0] + a.regions[1]]
        self.valid = ((segments[0] >= 0) & (segments[1] >= 0) & (segments[2] >= 0)).float().unsqueeze(1)
        self.rows = [s.clamp(min=0) for s in segments]
        self.tables = tables
        self.late_start = max(1, round(a.iterations * 15_001 / 30_000))

    def render(self, features):
        return torch.sparse.mm(self.W, features)

    def regions(self, w):
        """Region of every pixel (-1 = none) and the region count: get_trained_seg."""
        with torch.no_grad():
            img = w.t().reshape(1, 3, self.a.height, self.a.width)
            smooth = fn.avg_pool2d(img, 5, stride=1, padding=2, count_include_pad=True)
            level = smooth.reshape(3, -1).argmax(0)
            seg = torch.stack(self.segments)  # 3 x pixels
            sid = seg.gather(0, level.unsqueeze(0)).squeeze(0)
            off = torch.tensor(self.offsets)[level]
            ids = torch.where(sid >= 0, sid + off, torch.full_like(sid, -1))
            inside = ids >= 0
            uniq, inverse, counts = torch.unique(ids[inside], return_inverse=True, return_counts=True)
            return inside, inverse, counts

    def losses(self, rendered, w, decoded, iteration):
        phi = [self.tables[l][self.rows[l]] for l in range(3)]
        target = phi[0] * w[:, 0:1] + phi[1] * w[:, 1:2] + phi[2] * w[:, 2:3]
        pixel = (decoded * self.valid - target * self.valid).abs().mean(1)
        inside, inverse, counts = self.regions(w)
        r = counts.numel()
        distill = (pixel[inside] / (counts[inverse].to(pixel.dtype) * r)).sum()
        entropy = (-w * torch.log(w + ENTROPY_EPS)).mean()
        f = rendered[inside]
        sums = torch.zeros(r, f.shape[1], dtype=f.dtype).index_add_(0, inverse, f)
        means = sums / counts.unsqueeze(1).to(f.dtype)
        dev = f - means[inverse]
        nk = counts[inverse].to(f.dtype)
        b = torch.where(nk > 1, nk / ((nk - 1) * f.shape[1] * self.n), torch.zeros_like(nk))
        consistency = ((dev * dev).sum(1) * b).sum()
        late = iteration >= self.late_start
        total = distill + (0.002 if late else 0.001) * entropy
        if late:
            total = total + 0.1 * consistency
        return total


def rss_peak_bytes():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def main():
    a = parse()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    W, segments, tables = inputs(a)
    step = Step(a, W, segments, tables)
    features = torch.zeros(a.gaussians, 16, requires_grad=True)
    fdec = FeatureDecoder(16, a.decoder_width, a.clip_dim)
    gdec = GranularityDecoder(16)
    opt_f = torch.optim.Adam([features], lr=1e-3, betas=(0.9, 0.999), eps=1e-15)
    opt_d = torch.optim.Adam(fdec.parameters(), lr=1e-4, betas=(0.9, 0.999), eps=1e-8)
    opt_g = torch.optim.Adam(gdec.parameters(), lr=1e-4, betas=(0.9, 0.999), eps=1e-8)
    out = {"mode": a.mode, "torch": torch.__version__, "threads": torch.get_num_threads(),
           "gaussians": a.gaussians, "width": a.width, "height": a.height, "pixels": step.n,
           "contributors_per_pixel": a.contributors, "entries": step.n * a.contributors,
           "decoder_width": a.decoder_width, "clip_dim": a.clip_dim, "iterations": a.iterations,
           "warmup": a.warmup, "late_start": step.late_start}
    if a.mode == "split":
        out["split"] = split(a, step, features, fdec, gdec, (opt_f, opt_d, opt_g))
    else:
        fixed = None
        if a.mode == "decoders":
            with torch.no_grad():
                fixed = torch.randn(step.n, 16) * 0.1
        times = []
        for it in range(1, a.iterations + 1):
            t0 = time.perf_counter()
            for o in (opt_f, opt_d, opt_g):
                o.zero_grad()
            rendered = step.render(features) if fixed is None else fixed
            w = gdec(rendered.detach())
            decoded = fdec(rendered)
            total = step.losses(rendered, w, decoded, it)
            total.backward()
            if it < a.iterations:
                if fixed is None:
                    opt_f.step()
                opt_d.step()
                opt_g.step()
            dt = (time.perf_counter() - t0) * 1e3
            if a.warmup < it < a.iterations:
                times.append(dt)
        out["ms_per_iteration"] = statistics.median(times)
        out["ms_per_iteration_mean"] = statistics.mean(times)
        out["iterations_timed"] = len(times)
    out["peak_rss_bytes"] = rss_peak_bytes()
    json.dump(out, sys.stdout, indent=2)
    print()


def split(a, step, features, fdec, gdec, opts):
    """Each part alone, forward + backward, medians after one warm-up (as StepProfile)."""
    with torch.no_grad():
        features.normal_(0, 0.1)
        rendered = step.render(features)
        w = gdec(rendered)
        decoded = fdec(rendered)
    g_rendered = torch.randn_like(rendered) * 1e-3
    g_decoded = torch.randn_like(decoded) * 1e-3
    g_w = torch.randn_like(w) * 1e-3
    ms = {k: [] for k in ("sparse_ms", "decoders_ms", "losses_ms", "region_map_ms", "optimiser_ms")}
    for r in range(-1, a.split_repeats):
        for o in opts:
            o.zero_grad()
        t0 = time.perf_counter()
        (step.render(features) * g_rendered).sum().backward()
        t1 = time.perf_counter()
        x = rendered.clone().requires_grad_(True)
        t2 = time.perf_counter()
        ((fdec(x) * g_decoded).sum() + (gdec(x.detach()) * g_w).sum()).backward()
        t3 = time.perf_counter()
        f, wl, d = (v.clone().requires_grad_(True) for v in (rendered, w, decoded))
        t4 = time.perf_counter()
        step.losses(f, wl, d, step.late_start).backward()
        t5 = time.perf_counter()
        step.regions(w)
        t6 = time.perf_counter()
        for o in opts:
            o.step()
        t7 = time.perf_counter()
        if r >= 0:
            for key, dt in zip(ms, (t1 - t0, t3 - t2, t5 - t4, t6 - t5, t7 - t6)):
                ms[key].append(dt * 1e3)
    res = {k: statistics.median(v) for k, v in ms.items()}
    res["sum_ms"] = res["sparse_ms"] + res["decoders_ms"] + res["losses_ms"] + res["optimiser_ms"]
    res["repeats"] = a.split_repeats
    res["iteration"] = step.late_start
    return res


if __name__ == "__main__":
    main()
