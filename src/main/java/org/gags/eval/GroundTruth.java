package org.gags.eval;

import java.util.List;
import org.gags.scene.LabelObject;

/**
 * A category's ground-truth mask: the union of its objects' polygons, each truncated to int32 and
 * filled as OpenCV's {@code fillPoly} fills it ({@link PolygonFill}), as the reference's {@code
 * polygon_to_mask} and {@code stack_mask} build it.
 */
public final class GroundTruth {
  private GroundTruth() {}

  public static boolean[] mask(List<LabelObject> objects, int width, int height) {
    boolean[] mask = new boolean[width * height];
    for (LabelObject o : objects) {
      PolygonFill.fill(mask, width, height, PolygonFill.truncate(o.polygon()));
    }
    return mask;
  }
}
