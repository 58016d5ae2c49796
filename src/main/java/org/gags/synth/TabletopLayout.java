package org.gags.synth;

import java.util.ArrayList;
import java.util.List;

/**
 * The sample scene's content: a carpeted floor, a wooden table and five objects on it, each with a
 * part hierarchy so that whole / part / sub-part queries pick different pixels: a mug (handle,
 * logo, coffee), a bottle (cap, label), a book (title), an apple (stem, leaf) and a plate holding a
 * cookie with chocolate chips. World z is up; the table top is z = 0.
 */
final class TabletopLayout {
  /** Gaussian spacing on the small objects, the table and the floor (world units). */
  static final double FINE = 0.004;
  static final double TABLE = 0.008;
  static final double FLOOR = 0.035;

  private final GaussianBuilder out;
  private final List<Entity> entities = new ArrayList<>();

  private TabletopLayout(GaussianBuilder out) {
    this.out = out;
  }

  /** Fills {@code out} and returns the entities, ids 0..n−1 in order. */
  static List<Entity> build(GaussianBuilder out) {
    TabletopLayout t = new TabletopLayout(out);
    t.floor();
    t.walls();
    t.table();
    t.mug(-0.36, 0.14);
    t.bottle(0.34, -0.06);
    t.book(0.04, 0.26);
    t.apple(-0.06, -0.22);
    t.plate(-0.42, -0.24);
    return List.copyOf(t.entities);
  }

  private int entity(String query, int parent, String level, double x, double y, double z) {
    int id = entities.size();
    entities.add(new Entity(id, query, parent, level, new double[] {x, y, z}));
    return id;
  }

  private void floor() {
    double[] grey = {0.36, 0.38, 0.44};
    double[] light = {0.46, 0.47, 0.52};
    SurfaceSampler.rectangle(new double[] {0, 0, -0.75}, new double[] {3, 0, 0}, new double[] {0, 3, 0},
        new double[] {0, 0, 1}, FLOOR, (p, n, u, v) -> {
          boolean check = (Math.floorMod((int) Math.floor(p[0] / 0.5), 2) ^ Math.floorMod((int) Math.floor(p[1] / 0.5), 2)) == 0;
          out.add(p, n, FLOOR * 0.75, check ? grey : light, 0.01, -1);
        });
  }

  private void walls() {
    double[] paint = {0.80, 0.76, 0.66};
    double[] skirting = {0.30, 0.24, 0.20};
    for (int k = 0; k < 4; k++) {
      double a = k * Math.PI / 2;
      double[] inward = {-Math.cos(a), -Math.sin(a), 0};
      double[] along = {-Math.sin(a) * 3, Math.cos(a) * 3, 0};
      SurfaceSampler.rectangle(new double[] {3 * Math.cos(a), 3 * Math.sin(a), 0.375}, along,
          new double[] {0, 0, 1.125}, inward, FLOOR * 1.3, (p, n, u, v) -> {
            double stripe = 0.04 * Math.sin(9 * u);
            double[] c = p[2] < -0.6 ? skirting : new double[] {paint[0] + stripe, paint[1] + stripe, paint[2] + stripe};
            out.add(p, n, FLOOR * 1.0, c, 0.01, -1);
          });
    }
  }

  private void table() {
    int table = entity("wooden table", -1, "whole", 0.6, 0.4, 0);
    SurfaceSampler.rectangle(new double[] {0, 0, 0}, new double[] {0.8, 0, 0}, new double[] {0, 0.5, 0},
        new double[] {0, 0, 1}, TABLE, (p, n, u, v) -> {
          double grain = 0.5 + 0.5 * Math.sin(p[0] * 60 + 4 * Math.sin(p[1] * 9));
          double[] c = {0.50 + 0.12 * grain, 0.33 + 0.08 * grain, 0.18 + 0.05 * grain};
          out.add(p, n, TABLE * 0.75, c, 0.03, table);
        });
    // Table edges, so side views see a solid slab.
    double[] edge = {0.42, 0.27, 0.15};
    for (int s = -1; s <= 1; s += 2) {
      double sign = s;
      SurfaceSampler.rectangle(new double[] {0.8 * sign, 0, -0.02}, new double[] {0, 0.5, 0}, new double[] {0, 0, 0.02},
          new double[] {sign, 0, 0}, TABLE, (p, n, u, v) -> out.add(p, n, TABLE * 0.75, edge, 0.02, table));
      SurfaceSampler.rectangle(new double[] {0, 0.5 * sign, -0.02}, new double[] {0.8, 0, 0}, new double[] {0, 0, 0.02},
          new double[] {0, sign, 0}, TABLE, (p, n, u, v) -> out.add(p, n, TABLE * 0.75, edge, 0.02, table));
    }
  }

  private void mug(double x, double y) {
    int mug = entity("mug", -1, "whole", x, y, 0.055);
    int handle = entity("mug handle", mug, "part", x + 0.085, y, 0.055);
    int logo = entity("logo on the mug", mug, "subpart", x, y - 0.056, 0.06);
    int coffee = entity("coffee", mug, "part", x, y, 0.095);
    double[] white = {0.93, 0.93, 0.90};
    double[] blue = {0.12, 0.30, 0.85};
    double r = 0.055;
    SurfaceSampler.frustum(x, y, 0, 0.11, r, r, false, FINE, (p, n, ang, z) -> {
      // The logo faces −y: a patch of the body around azimuth −90°.
      double d = Math.abs(Math.IEEEremainder(ang + Math.PI / 2, 2 * Math.PI));
      boolean onLogo = d < 0.45 && z > 0.03 && z < 0.085;
      out.add(p, n, FINE * 0.75, onLogo ? blue : white, 0.02, onLogo ? logo : mug);
    });
    SurfaceSampler.frustum(x, y, 0.095, 0.11, r - 0.004, r - 0.004, true, FINE,
        (p, n, u, v) -> out.add(p, n, FINE * 0.75, white, 0.02, mug));
    SurfaceSampler.torus(new double[] {x, y, 0.11}, new double[] {1, 0, 0}, new double[] {0, 1, 0},
        new double[] {0, 0, 1}, r - 0.002, 0.003, 0, 2 * Math.PI, FINE * 0.7,
        (p, n, u, v) -> out.add(p, n, FINE * 0.5, white, 0.05, mug));
    SurfaceSampler.disc(x, y, 0.095, r - 0.004, true, FINE,
        (p, n, u, v) -> out.add(p, n, FINE * 0.75, new double[] {0.30, 0.16, 0.07}, 0.1, coffee));
    // The handle: a half torus in the x–z plane on the +x side, black.
    SurfaceSampler.torus(new double[] {x + r, y, 0.055}, new double[] {1, 0, 0}, new double[] {0, 0, 1},
        new double[] {0, 1, 0}, 0.032, 0.009, -Math.PI / 2, Math.PI / 2, FINE * 0.7,
        (p, n, u, v) -> out.add(p, n, FINE * 0.6, new double[] {0.08, 0.08, 0.09}, 0.1, handle));
  }

  private void bottle(double x, double y) {
    int bottle = entity("bottle", -1, "whole", x, y, 0.08);
    int cap = entity("bottle cap", bottle, "part", x, y, 0.24);
    int label = entity("bottle label", bottle, "part", x + 0.04, y, 0.08);
    double[] glass = {0.12, 0.52, 0.22};
    double[] cream = {0.96, 0.90, 0.68};
    double[] orange = {0.96, 0.45, 0.08};
    SurfaceSampler.frustum(x, y, 0, 0.16, 0.04, 0.04, false, FINE, (p, n, ang, z) -> {
      boolean onLabel = z > 0.05 && z < 0.11;
      out.add(p, n, FINE * 0.75, onLabel ? cream : glass, onLabel ? 0.03 : 0.15, onLabel ? label : bottle);
    });
    SurfaceSampler.frustum(x, y, 0.16, 0.2, 0.04, 0.015, false, FINE,
        (p, n, u, v) -> out.add(p, n, FINE * 0.75, glass, 0.15, bottle));
    SurfaceSampler.frustum(x, y, 0.2, 0.228, 0.015, 0.015, false, FINE,
        (p, n, u, v) -> out.add(p, n, FINE * 0.75, glass, 0.15, bottle));
    SurfaceSampler.frustum(x, y, 0.225, 0.255, 0.018, 0.018, false, FINE,
        (p, n, u, v) -> out.add(p, n, FINE * 0.75, orange, 0.05, cap));
    SurfaceSampler.disc(x, y, 0.255, 0.018, true, FINE,
        (p, n, u, v) -> out.add(p, n, FINE * 0.75, orange, 0.05, cap));
  }

  private void book(double x, double y) {
    int book = entity("book", -1, "whole", x, y, 0.035);
    int title = entity("book title", book, "subpart", x, y, 0.035);
    double a = Math.toRadians(15);
    double[] ex = {Math.cos(a), Math.sin(a), 0};
    double[] ey = {-Math.sin(a), Math.cos(a), 0};
    double hx = 0.12, hy = 0.085, h = 0.035;
    double[] cover = {0.10, 0.14, 0.45};
    double[] gold = {0.92, 0.76, 0.20};
    double[] pages = {0.92, 0.90, 0.82};
    SurfaceSampler.rectangle(new double[] {x, y, h}, scale(ex, hx), scale(ey, hy), new double[] {0, 0, 1}, FINE,
        (p, n, u, v) -> {
          boolean onTitle = Math.abs(u) < 0.6 && v > 0.15 && v < 0.55;
          out.add(p, n, FINE * 0.75, onTitle ? gold : cover, 0.04, onTitle ? title : book);
        });
    for (int side = -1; side <= 1; side += 2) {
      final int s = side;
      double[] cx = {x + s * hx * ex[0], y + s * hx * ex[1], h / 2};
      SurfaceSampler.rectangle(cx, scale(ey, hy), new double[] {0, 0, h / 2}, scale(ex, s), FINE,
          (p, n, u, v) -> out.add(p, n, FINE * 0.75, s > 0 ? pages : cover, 0.02, book));
      double[] cy = {x + s * hy * ey[0], y + s * hy * ey[1], h / 2};
      SurfaceSampler.rectangle(cy, scale(ex, hx), new double[] {0, 0, h / 2}, scale(ey, s), FINE,
          (p, n, u, v) -> out.add(p, n, FINE * 0.75, pages, 0.02, book));
    }
  }

  private void apple(double x, double y) {
    int apple = entity("apple", -1, "whole", x, y, 0.045);
    int stem = entity("apple stem", apple, "subpart", x, y, 0.095);
    int leaf = entity("leaf", apple, "part", x + 0.02, y, 0.093);
    SurfaceSampler.sphere(new double[] {x, y, 0.045}, 0.045, FINE, (p, n, u, v) -> {
      double[] red = {0.78 + 0.1 * Math.sin(5 * v), 0.10, 0.08};
      out.add(p, n, FINE * 0.75, red, 0.12, apple);
    });
    SurfaceSampler.frustum(x, y, 0.088, 0.108, 0.004, 0.003, false, FINE * 0.5,
        (p, n, u, v) -> out.add(p, n, FINE * 0.4, new double[] {0.38, 0.22, 0.08}, 0.02, stem));
    double[] tilt = {0.25, 0, 0.97};
    SurfaceSampler.rectangle(new double[] {x + 0.022, y, 0.094}, new double[] {0.018, 0, -0.0046},
        new double[] {0, 0.009, 0}, tilt, FINE * 0.6, (p, n, u, v) -> {
          if (u * u + v * v <= 1.0) {
            out.add(p, n, FINE * 0.45, new double[] {0.22, 0.68, 0.18}, 0.05, leaf);
          }
        });
  }

  private void plate(double x, double y) {
    int plate = entity("plate", -1, "whole", x, y, 0.01);
    int cookie = entity("cookie", plate, "part", x + 0.01, y + 0.01, 0.018);
    int chips = entity("chocolate chips", cookie, "subpart", x + 0.01, y + 0.01, 0.019);
    double[] white = {0.97, 0.97, 0.97};
    SurfaceSampler.disc(x, y, 0.008, 0.105, true, FINE,
        (p, n, u, v) -> out.add(p, n, FINE * 0.75, white, 0.05, plate));
    SurfaceSampler.torus(new double[] {x, y, 0.01}, new double[] {1, 0, 0}, new double[] {0, 1, 0},
        new double[] {0, 0, 1}, 0.11, 0.006, 0, 2 * Math.PI, FINE,
        (p, n, u, v) -> out.add(p, n, FINE * 0.75, new double[] {0.72, 0.80, 0.90}, 0.05, plate));
    double cx = x + 0.01, cy = y + 0.01;
    SurfaceSampler.disc(cx, cy, 0.018, 0.04, true, FINE * 0.8, (p, n, u, v) -> {
      double px = p[0] - cx, py = p[1] - cy;
      boolean chip = false;
      for (int k = 0; k < 6; k++) {
        double ca = 2.1 * k + 0.4, cr = 0.012 + 0.004 * (k % 3);
        double dx = px - cr * Math.cos(ca), dy = py - cr * Math.sin(ca);
        chip |= dx * dx + dy * dy < 0.0055 * 0.0055;
      }
      out.add(p, n, FINE * 0.6, chip ? new double[] {0.20, 0.10, 0.05} : new double[] {0.80, 0.60, 0.32}, 0.03,
          chip ? chips : cookie);
    });
    SurfaceSampler.frustum(cx, cy, 0.01, 0.018, 0.04, 0.04, false, FINE * 0.8,
        (p, n, u, v) -> out.add(p, n, FINE * 0.6, new double[] {0.74, 0.54, 0.28}, 0.03, cookie));
  }

  private static double[] scale(double[] v, double s) {
    return new double[] {v[0] * s, v[1] * s, v[2] * s};
  }
}
