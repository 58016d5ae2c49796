package org.gags.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gags.scene.LabelFile;
import org.gags.scene.LabelObject;

/**
 * A small labelled frame with a decoded map made by hand, for the query-side tests: 64 × 48 pixels
 * of 8-d axis features. A "mug" square (x 8..23, y 8..23) has feature e0, a "red plate" rectangle
 * (x 36..55, y 20..39) e1, the rest e2, the first canonical phrase's axis; the queries are e0 and
 * e1 and the canonical phrases e2..e5.
 */
final class SyntheticQueryFrame {
  static final int W = 64;
  static final int H = 48;
  static final int DIM = 8;
  static final int[] MUG = {8, 8, 23, 23};
  static final int[] PLATE = {36, 20, 55, 39};

  private SyntheticQueryFrame() {}

  static LabelFile label() {
    return new LabelFile("frame_00003.jpg", W, H, List.of(object("mug", MUG), object("red plate", PLATE)));
  }

  static LabelObject object(String category, int[] b) {
    double[][] polygon = {{b[0], b[1]}, {b[2], b[1]}, {b[2], b[3]}, {b[0], b[3]}};
    return new LabelObject(category, polygon, new double[] {b[0], b[1], b[2], b[3]});
  }

  static DecodedMap map() {
    float[] f = new float[W * H * DIM];
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        int axis = inside(MUG, x, y) ? 0 : inside(PLATE, x, y) ? 1 : 2;
        f[(y * W + x) * DIM + axis] = 1;
      }
    }
    return new DecodedMap(f, W, H, DIM);
  }

  static QueryEmbeddings text() {
    Map<String, float[]> q = new LinkedHashMap<>();
    q.put("mug", RelevancyTest.axis(DIM, 0));
    q.put("red plate", RelevancyTest.axis(DIM, 1));
    float[][] c = {RelevancyTest.axis(DIM, 2), RelevancyTest.axis(DIM, 3), RelevancyTest.axis(DIM, 4),
        RelevancyTest.axis(DIM, 5)};
    return new QueryEmbeddings(q, c);
  }

  static boolean inside(int[] b, int x, int y) {
    return x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3];
  }
}
