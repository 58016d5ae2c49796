package org.gags.eval;

import java.util.ArrayList;
import java.util.List;
import org.gags.scene.LabelFile;

/**
 * Scores one frame's text queries: the relevancy of every category its label file names, computed
 * from the frame's decoded map in one pass ({@link Relevancy#maps}), then each map scored against
 * that category's objects by {@link FrameScorer#score}, the path {@link MapsEvaluation} takes for
 * precomputed maps. Only the frame's own categories are scored, as in the reference (it sets the
 * frame's categories as the positives).
 */
public final class QueryScorer {
  /** One category of the frame: its relevancy map, what the scorer found, and the map's maximum. */
  public record CategoryScore(String category, float[] relevancy, FrameScore score, float maxRelevancy) {}

  /**
   * A frame's scores in the label file's category order, and the time scoring took (relevancy,
   * box filter, mask, IoU; not rendering or decoding).
   */
  public record Result(String frame, List<CategoryScore> categories, double scoreMillis) {
    public Result {
      categories = List.copyOf(categories);
    }

    /** The pairs for {@link Metrics}. */
    public List<PairScore> pairs() {
      List<PairScore> out = new ArrayList<>(categories.size());
      for (CategoryScore c : categories) {
        out.add(PairScore.of(frame, c.category(), c.score()));
      }
      return out;
    }
  }

  private QueryScorer() {}

  /**
   * Scores every category of {@code label} on {@code map}.
   *
   * @throws EvalInputException naming the label file when its size is not the map's, when a category
   *     has no text embedding, or when the embeddings' width is not the map's feature width
   */
  public static Result score(DecodedMap map, LabelFile label, QueryEmbeddings text) {
    long t0 = System.nanoTime();
    if (label.width() != map.width() || label.height() != map.height()) {
      throw new EvalInputException(label.name(), "info.width, info.height",
          map.width() + " x " + map.height() + " (the decoded map's size)", label.width() + " x " + label.height());
    }
    if (text.dim() != map.dim()) {
      throw new EvalInputException(label.name(), "text embeddings",
          map.dim() + " floats each (the decoded map's feature width)", String.valueOf(text.dim()));
    }
    List<String> categories = label.categories();
    float[][] queries = new float[categories.size()][];
    for (int i = 0; i < queries.length; i++) {
      queries[i] = text.query(categories.get(i));
      if (queries[i] == null) {
        throw new EvalInputException(label.name(), "objects[].category",
            "a category with a text embedding (one of " + text.categories() + ")", "'" + categories.get(i) + "'");
      }
    }
    float[][] relevancy = Relevancy.maps(map.features(), map.pixels(), map.dim(), queries, text.canonical());
    List<CategoryScore> out = new ArrayList<>(categories.size());
    for (int i = 0; i < queries.length; i++) {
      String category = categories.get(i);
      FrameScore s = FrameScorer.score(relevancy[i], map.width(), map.height(), label.objectsOf(category));
      out.add(new CategoryScore(category, relevancy[i], s, max(relevancy[i])));
    }
    return new Result(PairScore.frameOf(label), out, (System.nanoTime() - t0) / 1e6);
  }

  private static float max(float[] v) {
    float m = Float.NEGATIVE_INFINITY;
    for (float x : v) {
      m = Math.max(m, x);
    }
    return m;
  }
}
