package org.gags.store;

import static org.apache.spark.sql.types.DataTypes.BinaryType;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.FloatType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import java.util.List;

/**
 * Every table gags writes, defined once. {@code docs/tables.md} is generated from these
 * ({@code jobs/gags tables}) and a test keeps the two equal.
 */
public final class Tables {
  private Tables() {}

  /**
   * Tables of multi-megabyte float maps are not compressed: float32 depth barely compresses, and
   * parquet-mr's Snappy reader re-allocates its input buffer for every chunk of a page, which is
   * quadratic on one multi-megabyte value (a 988×731 depth map took minutes to read back).
   */
  static final String NONE = "none";

  public static final TableDef SCENES = new TableDef("scenes", 1, "scene_id", "snappy",
      "One row per scene: where it came from and what the scan found.",
      List.of(
          new Column("uri", StringType, true, "Scene folder as given on the command line, resolved to an absolute URI."),
          new Column("ply_uri", StringType, true, "The 3DGS PLY used (`point_cloud.ply` or the highest `point_cloud/iteration_N`)."),
          new Column("gaussians", LongType, true, "Number of Gaussians (PLY vertex count)."),
          new Column("sh_degree", IntegerType, true, "Spherical-harmonics degree 0-3, from the number of `f_rest_*` properties."),
          new Column("views", IntegerType, true, "Number of registered views (COLMAP images)."),
          new Column("label_files", IntegerType, true, "Number of LERF-OVS label files under `label/`."),
          new Column("principal_point", StringType, true, "`image-centre` or `colmap` (config `scene.principal_point`).")));

  public static final TableDef VIEWS = new TableDef("views", 1, "scene_id", "snappy",
      "One row per registered view, ordered by image name; `view_index` is the position in that order.",
      List.of(
          new Column("view_index", IntegerType, true, "0-based position in image-name order (LERF `frame_XXXXX` is XXXXX-1)."),
          new Column("name", StringType, true, "Image file name relative to `images/`."),
          new Column("image_uri", StringType, true, "Absolute URI of the image."),
          new Column("width", IntegerType, true, "Image width in pixels."),
          new Column("height", IntegerType, true, "Image height in pixels."),
          new Column("fx", DoubleType, true, "Focal length in pixels, x."),
          new Column("fy", DoubleType, true, "Focal length in pixels, y."),
          new Column("cx", DoubleType, true, "Principal point x in pixels."),
          new Column("cy", DoubleType, true, "Principal point y in pixels."),
          new Column("rotation", createArrayType(DoubleType, false), true,
              "World-to-camera rotation, 9 values row-major (x_cam = R x_world + t; camera looks along +z, y down)."),
          new Column("translation", createArrayType(DoubleType, false), true, "World-to-camera translation t, 3 values."),
          new Column("label_uri", StringType, false, "URI of this view's LERF-OVS label file, null when there is none.")));

  public static final TableDef DEPTH = new TableDef("depth", 1, "scene_id", NONE,
      "Expected depth per view at the original resolution (METHOD 2.1 step 1).",
      List.of(
          new Column("view_index", IntegerType, true, "View, as in `views`."),
          new Column("width", IntegerType, true, "Map width W."),
          new Column("height", IntegerType, true, "Map height H."),
          new Column("depth", BinaryType, true,
              "float32 little-endian, H×W row-major: Σ α T z / max(alpha, 1e-10); 0 where nothing is rendered."
                  + " NumPy: `np.frombuffer(b, '<f4').reshape(H, W)`."),
          new Column("visible_gaussians", IntegerType, true, "Gaussians that survived projection culling in this view.")));

  public static final TableDef GAUSSIAN_MIN_DEPTH = new TableDef("gaussian_min_depth", 1, "scene_id", NONE,
      "One row per scene: every Gaussian centre's minimum visible depth over all views (METHOD 2.1 step 3).",
      List.of(
          new Column("gaussians", IntegerType, true, "Number of Gaussians N."),
          new Column("min_depth", BinaryType, true,
              "float32 little-endian, N values in PLY order; +Inf for a Gaussian visible in no view."),
          new Column("visible_gaussians", IntegerType, true, "Gaussians visible in at least one view (finite values).")));

  public static final TableDef MIN_DEPTH = new TableDef("min_depth", 1, "scene_id", NONE,
      "Per-view sparse minimum-depth maps (METHOD 2.1 step 4): at each visible Gaussian centre's pixel, its"
          + " minimum depth over views; when several share a pixel the highest Gaussian index wins. 0 elsewhere.",
      List.of(
          new Column("view_index", IntegerType, true, "View, as in `views`."),
          new Column("width", IntegerType, true, "Map width W."),
          new Column("height", IntegerType, true, "Map height H."),
          new Column("count", IntegerType, true, "Number of non-zero pixels K."),
          new Column("pixels", BinaryType, true,
              "int32 little-endian, K pixel indices y·W + x, ascending. NumPy: `np.frombuffer(b, '<i4')`."),
          new Column("values", BinaryType, true,
              "float32 little-endian, K minimum depths, one per pixel. NumPy: `np.frombuffer(b, '<f4')`.")));

  public static final TableDef PROMPTS = new TableDef("prompts", 1, "scene_id", "snappy",
      "SAM prompt points per view (METHOD 2.2-2.3, or the uniform grid).",
      List.of(
          new Column("view_index", IntegerType, true, "View, as in `views`."),
          new Column("width", IntegerType, true, "Image width."),
          new Column("height", IntegerType, true, "Image height."),
          new Column("mode", StringType, true, "`granularity-aware` or `uniform-grid` (config `prompt.mode`)."),
          new Column("density", StringType, true, "`code` or `paper-text` (config `prompt.density`)."),
          new Column("seed", LongType, true, "Seed of this view's placement, mixed from `prompt.seed`, scene id and view."),
          new Column("count", IntegerType, true, "Number of points."),
          new Column("x", createArrayType(FloatType, false), true, "Point x (column) in pixels; integers for granularity-aware placement."),
          new Column("y", createArrayType(FloatType, false), true, "Point y (row) in pixels."),
          new Column("patch_points", createArrayType(IntegerType, false), true,
              "Points per patch, patches in the reference order (x outer, y inner); empty for the grid."),
          new Column("patch_side", createArrayType(IntegerType, false), true,
              "s per patch (points = s²) for code density; round(√points) for paper-text; empty for the grid.")));

  public static final TableDef SEGMENTS = new TableDef("segments", 1, "scene_id", "snappy",
      "SAM masks kept per view and level (METHOD 2.4), one row per mask. The segment map of a level paints the"
          + " masks in `segment_id` order, later ones over earlier ones, on -1. The SAM spec id is in the commit"
          + " marker and in the `mask` column's Parquet (Spark) metadata under `gags.model`.",
      List.of(
          new Column("view_index", IntegerType, true, "View, as in `views`."),
          new Column("level", StringType, true, "`s` (sub-part), `m` (part) or `l` (whole): SAM's multimask outputs 1, 2, 3."),
          new Column("segment_id", IntegerType, true, "0-based position in the level's kept order (the value in its segment map)."),
          new Column("prompt_index", IntegerType, true, "The prompt (position in the view's `prompts` row) that produced it."),
          new Column("width", IntegerType, true, "Image width W."),
          new Column("height", IntegerType, true, "Image height H."),
          new Column("x0", IntegerType, true, "Box: first column with a mask pixel."),
          new Column("y0", IntegerType, true, "Box: first row with a mask pixel."),
          new Column("x1", IntegerType, true, "Box: last column with a mask pixel (inclusive, as SAM's XYXY boxes)."),
          new Column("y1", IntegerType, true, "Box: last row with a mask pixel (inclusive)."),
          new Column("area", IntegerType, true, "Mask pixels."),
          new Column("predicted_iou", FloatType, true, "SAM's predicted IoU for this mask token."),
          new Column("stability", FloatType, true, "#(logit > 1) / #(logit > -1) on the full-resolution logits."),
          new Column("mask", BinaryType, true,
              "Run-length encoded H×W mask, row-major: unsigned LEB128 varints giving alternating run lengths,"
                  + " starting with a run of 0s (possibly empty). Decoding recipe in `org.gags.segment.MaskRle`.")));

  public static final TableDef EMBEDDINGS = new TableDef("embeddings", 1, "scene_id", "snappy",
      "CLIP image feature per kept segment (METHOD 2.5), joined to `segments` on (view_index, level, segment_id)."
          + " The CLIP spec id is in the commit marker and in the `embedding` column's metadata under `gags.model`.",
      List.of(
          new Column("view_index", IntegerType, true, "View, as in `views`."),
          new Column("level", StringType, true, "`s`, `m` or `l`, as in `segments`."),
          new Column("segment_id", IntegerType, true, "Segment, as in `segments`."),
          new Column("embedding", createArrayType(FloatType, false), true,
              "D floats (512 for ViT-B-16), unit length: the image tower's output for the masked, square-padded crop.")));

  public static final TableDef CONTRIBUTORS = new TableDef("contributors", 1, "scene_id", NONE,
      "Per view, at the training resolution (METHOD 3): the sparse map W of F = W f (every pixel's composited"
          + " Gaussians front to back with their weights alpha*T, CSR) and the three levels' segment-id maps resized by"
          + " nearest neighbour, the per-pixel inputs of the targets. NumPy: `start = np.frombuffer(r.pixel_start,"
          + " '<i4')`; pixel p's entries are `start[p]:start[p+1]` of `gaussians` and `weights`.",
      List.of(
          new Column("view_index", IntegerType, true, "View, as in `views`."),
          new Column("width", IntegerType, true, "Training width W' = round-half-even(W / contributors.resolution_factor)."),
          new Column("height", IntegerType, true, "Training height H'."),
          new Column("entries", IntegerType, true, "Contributor entries E kept (after truncation)."),
          new Column("dropped_entries", IntegerType, true,
              "Entries removed by truncation (contributors.min_weight, contributors.top_k); 0 when it is off."),
          new Column("pixel_start", BinaryType, true,
              "int32 little-endian, W'·H'+1 offsets into `gaussians` and `weights`, pixels row-major."),
          new Column("gaussians", BinaryType, true, "int32 little-endian, E Gaussian indices (PLY order)."),
          new Column("weights", BinaryType, true, "float32 little-endian, E weights alpha*T, in [0, 1]."),
          new Column("segments_s", BinaryType, true,
              "int32 little-endian, W'·H' segment ids of level s (`segment_id` in `segments`), -1 = no mask."),
          new Column("segments_m", BinaryType, true, "int32 little-endian, W'·H' segment ids of level m, -1 = no mask."),
          new Column("segments_l", BinaryType, true, "int32 little-endian, W'·H' segment ids of level l, -1 = no mask.")));

  public static final TableDef FIELD = new TableDef("field", 1, "scene_id", NONE,
      "The language field: one row per Gaussian with its distilled feature (METHOD 3), decoded by `decoders`. The"
          + " CLIP spec id of the embeddings it learned from is in the commit marker and in the `feature` column's"
          + " metadata under `gags.model`.",
      List.of(
          new Column("gaussian", IntegerType, true, "Gaussian index, PLY order."),
          new Column("feature", createArrayType(FloatType, false), true,
              "16 floats (`semantic_0..15` of `export-ply`); zero for a Gaussian no training pixel saw.")));

  public static final TableDef DECODERS = new TableDef("decoders", 1, "scene_id", "snappy",
      "One row per scene: both trained decoders, as NumPy NPZ bytes that `np.load(io.BytesIO(b))` opens. Entries"
          + " `feature_decoder.<layer>.weight` (out×in) and `.bias`, layers in order (METHOD 3: 16->W, then the"
          + " skip blocks, then W->clip); `granularity_decoder.<layer>.*` likewise (16->64->128->64->32->16->3)."
          + " The CLIP spec id is in the marker and in the `npz` column's metadata under `gags.model`.",
      List.of(
          new Column("feature_dim", IntegerType, true, "Per-Gaussian feature size (16)."),
          new Column("decoder_width", IntegerType, true, "Hidden width of the feature decoder."),
          new Column("clip_dim", IntegerType, true, "CLIP feature size, the feature decoder's output."),
          new Column("iterations", IntegerType, true, "Iterations trained."),
          new Column("distill_config", StringType, true, "The distillation config that trained them (DistillConfig)."),
          new Column("npz", BinaryType, true, "NPZ archive of every layer's weight and bias, float32.")));

  public static final TableDef TRAINING = new TableDef("training", 1, "scene_id", "snappy",
      "The loss curve of each scene's training: one row every `distill.log_every` iterations and at the last."
          + " The CLIP spec id is in the marker and in the `total` column's metadata under `gags.model`.",
      List.of(
          new Column("iteration", IntegerType, true, "Iteration (1-based)."),
          new Column("view_index", IntegerType, true, "The view that iteration trained on."),
          new Column("distill", DoubleType, true, "Distillation term (region-aware mean when on)."),
          new Column("entropy", DoubleType, true, "Entropy term, unweighted."),
          new Column("consistency", DoubleType, true, "Consistency term, unweighted."),
          new Column("total", DoubleType, true, "The weighted total that was minimised."),
          new Column("seconds", DoubleType, true, "Seconds of training up to this iteration; a resumed training goes on from its checkpoint's count.")));

  public static final TableDef RESULTS = new TableDef("results", 1, "scene_id", "snappy",
      "One row per labelled frame and category (METHOD 4): the LERF-OVS localisation hit and mask IoU of the text"
          + " query on the field rendered at the label's resolution, with the query latency. The CLIP spec id is in"
          + " the marker and in the `iou` column's metadata under `gags.model`.",
      List.of(
          new Column("view_index", IntegerType, true, "View, as in `views` (frame_XXXXX is view XXXXX-1)."),
          new Column("frame", StringType, true, "The label file's frame name, e.g. `frame_00041`."),
          new Column("category", StringType, true, "The query text: a category of the label file, spaces kept."),
          new Column("hit", BooleanType, true, "A box30 maximum of the relevancy falls inside one of the category's boxes."),
          new Column("iou", DoubleType, true, "IoU of the predicted mask with the union of the category's polygons."),
          new Column("max_relevancy", FloatType, true, "The largest relevancy of the query in the frame."),
          new Column("render_ms", DoubleType, true, "Milliseconds to render the frame's 16-d field (shared by its queries)."),
          new Column("decode_ms", DoubleType, true, "Milliseconds to decode the frame to CLIP space (shared by its queries)."),
          new Column("score_ms", DoubleType, true, "Milliseconds to score all the frame's queries (relevancy and protocol).")));

  public static final TableDef METRICS = new TableDef("metrics", 1, "scene_id", "snappy",
      "One row per scene: the LERF-OVS metrics over its `results` (mAcc = hits / pairs, mIoU = mean IoU over pairs).",
      List.of(
          new Column("m_acc", DoubleType, true, "Localisation accuracy: hits / pairs (NaN for a scene without label files: no pairs)."),
          new Column("m_iou", DoubleType, true, "Mean IoU over the (frame, category) pairs (NaN without pairs)."),
          new Column("pairs", IntegerType, true, "(frame, category) pairs scored."),
          new Column("hits", IntegerType, true, "Pairs whose localisation hit."),
          new Column("frames", IntegerType, true, "Labelled frames scored."),
          new Column("config_hash", StringType, true, "The eval stage's config hash (also in the commit marker)."),
          new Column("run_id", StringType, true, "The run that scored it.")));

  public static final TableDef FAILURES = new TableDef("failures", 1, "run_id", "snappy",
      "One row per scene that failed in a run, with the stage and the error; the other scenes went on.",
      List.of(
          new Column("scene_id", StringType, true, "Scene that failed."),
          new Column("scene_uri", StringType, true, "Its folder."),
          new Column("stage", StringType, true, "Stage that failed."),
          new Column("error", StringType, true, "Error class."),
          new Column("message", StringType, true, "Error message (names the file and field for bad input)."),
          new Column("failed_at", TimestampType, true, "When it failed.")));

  public static final TableDef SWEEP_METRICS = new TableDef("sweep_metrics", 1, "point", "snappy",
      "One row per grid point and scene of `jobs/gags sweep`: the point's overrides, its LERF-OVS metrics (copied from"
          + " the `metrics` of its eval folder) and what it cost. A point's partition holds every scene scored under its"
          + " eval hash and is replaced when the point runs again; its marker records the overrides, the eval hash and"
          + " the scenes. See \"Sweeps\" below for where each point's other tables live.",
      columns(List.of(
          new Column("scene_id", StringType, true, "The scene, by its id in the other tables."),
          new Column("overrides", StringType, true, "The point's overrides as its grid line gives them (`key=value`"
              + " separated by spaces, empty for the base config); applied over the sweep's preset, `--conf` and `--set`.")),
          // m_acc, m_iou, pairs, hits, frames: as in metrics
          METRICS.columns().subList(0, 5), List.of(
          new Column("eval_hash", StringType, true, "The eval stage's config hash, which covers every upstream stage: equal"
              + " hashes, equal tables."),
          new Column("eval_folder", StringType, true, "Folder under the output root of the point's `results`, `metrics`"
              + " and heatmaps (`stages/eval/<eval_hash>`)."),
          new Column("train_seconds", DoubleType, true, "Wall seconds of the scene's training, from the last row of"
              + " `training` (since the training's resumption when it resumed from a checkpoint)."),
          new Column("query_ms", DoubleType, true, "Mean milliseconds per labelled frame to render, decode and score its"
              + " queries, from `results`."),
          new Column("computed", createArrayType(StringType, false), true, "Stages this point computed for the scene in"
              + " the sweep run that wrote the row, in order; the other stages were shared with another grid point or"
              + " committed before."),
          new Column("compute_seconds", DoubleType, true, "Wall seconds of those stages (each stage's time for the batch"
              + " of scenes it ran with); 0 when the point computed nothing for the scene."),
          new Column("run_id", StringType, true, "The point's run that wrote the row, `<sweep id>-<point>`; its record"
              + " is under `_gags/runs/<run_id>/`."))));

  public static final List<TableDef> ALL = List.of(SCENES, VIEWS, DEPTH, GAUSSIAN_MIN_DEPTH, MIN_DEPTH, PROMPTS, SEGMENTS, EMBEDDINGS,
      CONTRIBUTORS, FIELD, DECODERS, TRAINING, RESULTS, METRICS, FAILURES,
      SWEEP_METRICS);

  /** The columns of several lists, in order. */
  @SafeVarargs
  private static List<Column> columns(List<Column>... parts) {
    List<Column> all = new java.util.ArrayList<>();
    for (List<Column> p : parts) {
      all.addAll(p);
    }
    return List.copyOf(all);
  }

  /** The whole of docs/tables.md. */
  public static String markdown() {
    StringBuilder sb = new StringBuilder();
    sb.append("# Tables\n\n");
    sb.append("Generated by `jobs/gags tables` from `org.gags.store.Tables`; `TablesDocTest` fails when this\n");
    sb.append("file and the code differ. Every table lives under the output root as\n");
    sb.append("`<out>/<table>/<partition>=<value>/part-*.parquet`, with a `_gags_commit.json` beside the data\n");
    sb.append("that records the stage, the config hash and the config that made it. A partition folder without\n");
    sb.append("that file is incomplete (an interrupted write) and is ignored and redone by the next run.\n\n");
    sb.append("Read a table with Spark (`spark.read.parquet(\"<out>/depth\")`), pandas/pyarrow\n");
    sb.append("(`pd.read_parquet(\"<out>/depth\")`) or DuckDB (`read_parquet('<out>/depth/*/*.parquet', hive_partitioning=true)`).\n");
    for (TableDef t : ALL) {
      sb.append('\n').append(t.markdown());
    }
    sb.append('\n').append(StageFolders.markdown());
    return sb.toString();
  }
}
