package org.gags.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gags.scene.Camera;
import org.gags.scene.GaussianCloud;

/**
 * Slow reference twin of {@link Rasterizer}, written for clarity: for every pixel, walk all
 * visible Gaussians in (depth, index) order and composite those whose tile rectangle covers the
 * pixel's tile (gsplat's culling rule), with the same constants and float arithmetic. No binning,
 * no packing, no threads. Tests require the two to agree exactly.
 */
public final class ReferenceRasterizer {
  private ReferenceRasterizer() {}

  public static RenderResult render(
      GaussianCloud cloud, Camera camera, RenderRequest request, RenderSettings settings) {
    RenderSettings single = settings.withThreads(1);
    ProjectedGaussians p = Projection.project(cloud, camera, single, request.rgb());
    float[] perGaussian = Rasterizer.gaussianChannels(p, request);
    Integer[] order = visibleByDepth(p);
    int w = camera.width();
    int h = camera.height();
    int ts = settings.tileSize();
    int tilesX = (w + ts - 1) / ts;
    int tilesY = (h + ts - 1) / ts;
    int c = request.channelCount();
    float[] channels = new float[w * h * c];
    float[] trans = new float[w * h];
    List<int[]> ids = new ArrayList<>();
    List<float[]> ws = new ArrayList<>();
    int[] start = new int[w * h + 1];
    int total = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p0 = y * w + x;
        float t = 1f;
        List<Integer> pixIds = new ArrayList<>();
        List<Float> pixWs = new ArrayList<>();
        for (int g : order) {
          boolean inTile =
              x / ts >= SplatMath.tileMin(p.meanX()[g], p.radius()[g], ts, tilesX)
                  && x / ts < SplatMath.tileMax(p.meanX()[g], p.radius()[g], ts, tilesX)
                  && y / ts >= SplatMath.tileMin(p.meanY()[g], p.radius()[g], ts, tilesY)
                  && y / ts < SplatMath.tileMax(p.meanY()[g], p.radius()[g], ts, tilesY);
          if (!inTile) {
            continue;
          }
          float sigma =
              SplatMath.sigma(p.meanX()[g], p.meanY()[g], p.conicA()[g], p.conicB()[g], p.conicC()[g], x + 0.5f, y + 0.5f);
          float alpha = SplatMath.alpha(p.opacity()[g], sigma, settings.alphaCap());
          if (sigma < 0f || alpha < settings.minAlpha()) {
            continue;
          }
          float nextT = t * (1f - alpha);
          if (nextT <= settings.minTransmittance()) {
            break;
          }
          float vis = alpha * t;
          for (int j = 0; j < c; j++) {
            channels[p0 * c + j] += perGaussian[g * c + j] * vis;
          }
          pixIds.add(g);
          pixWs.add(vis);
          t = nextT;
        }
        trans[p0] = t;
        int[] a = pixIds.stream().mapToInt(Integer::intValue).toArray();
        float[] b = new float[pixWs.size()];
        for (int i = 0; i < b.length; i++) {
          b[i] = pixWs.get(i);
        }
        ids.add(a);
        ws.add(b);
        total += a.length;
        start[p0 + 1] = total;
      }
    }
    Contributors contributors = null;
    if (request.contributors()) {
      int[] gs = new int[total];
      float[] wts = new float[total];
      for (int i = 0; i < ids.size(); i++) {
        System.arraycopy(ids.get(i), 0, gs, start[i], ids.get(i).length);
        System.arraycopy(ws.get(i), 0, wts, start[i], ws.get(i).length);
      }
      contributors = new Contributors(w, h, start, gs, wts);
    }
    RenderResult.Stats stats = new RenderResult.Stats(cloud.count(), order.length, 0, 0, 0, 0);
    return RenderResult.finish(w, h, request, channels, trans, contributors, stats);
  }

  private static Integer[] visibleByDepth(ProjectedGaussians p) {
    List<Integer> visible = new ArrayList<>();
    for (int g = 0; g < p.count(); g++) {
      if (p.radius()[g] > 0) {
        visible.add(g);
      }
    }
    Integer[] order = visible.toArray(new Integer[0]);
    Arrays.sort(order, (a, b) -> {
      int byDepth = Float.compare(p.depth()[a], p.depth()[b]);
      return byDepth != 0 ? byDepth : Integer.compare(a, b);
    });
    return order;
  }
}
