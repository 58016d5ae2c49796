package org.gags.prompt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gags.scene.Camera;
import org.gags.scene.GaussianCloud;

/**
 * The single-threaded twin of the distributed min-depth join (METHOD.md 2.1): every view's
 * {@link MinDepth#visible} folded into one per-Gaussian minimum, then every view's {@link
 * MinDepth#sparseMap}. Written for clarity; a distributed version must equal it exactly.
 */
public final class MinDepthReference {
  private MinDepthReference() {}

  /**
   * @param gaussianMin per Gaussian, the least depth at which any view sees it (+∞ when none does)
   * @param maps per view, in the order of the cameras
   */
  public record Result(float[] gaussianMin, List<SparseMinDepth> maps) {}

  /**
   * @param depthMaps per camera, its rendered expected depth (row-major, camera's image size)
   * @param tolerance relative depth tolerance of visibility (0.25 in the reference)
   */
  public static Result compute(GaussianCloud cloud, List<Camera> cameras, List<float[]> depthMaps, double tolerance) {
    if (cameras.size() != depthMaps.size()) {
      throw new IllegalArgumentException(
          "need one depth map per camera, found " + cameras.size() + " cameras and " + depthMaps.size() + " depth maps");
    }
    float[] dmin = new float[cloud.count()];
    Arrays.fill(dmin, Float.POSITIVE_INFINITY);
    for (int c = 0; c < cameras.size(); c++) {
      MinDepth.accumulateMin(MinDepth.visible(cloud.positions(), cameras.get(c), depthMaps.get(c), tolerance), dmin);
    }
    // Visibility is recomputed rather than kept, so only one view's list is held at a time.
    List<SparseMinDepth> maps = new ArrayList<>(cameras.size());
    for (int c = 0; c < cameras.size(); c++) {
      maps.add(MinDepth.sparseMap(MinDepth.visible(cloud.positions(), cameras.get(c), depthMaps.get(c), tolerance), dmin));
    }
    return new Result(dmin, List.copyOf(maps));
  }
}
