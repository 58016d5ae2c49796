package org.gags.store;

/**
 * Where a sweep keeps each stage's tables: {@code <out>/stages/<stage>/<config hash>/<table>/}.
 * A stage's config hash covers its config values, its models and its upstream stages' hashes, so
 * one folder holds exactly one way of making the stage's tables: grid points that agree on a stage
 * and everything upstream of it find the same folder (and skip the work that is committed there),
 * and points that differ anywhere upstream write to different folders and never overwrite each
 * other. The full hash names the folder, so two configs cannot share one by a prefix collision.
 */
public final class StageFolders {
  /** The folder under the output root that holds every stage's folders. */
  public static final String ROOT = "stages";

  private StageFolders() {}

  /** The folder, relative to the output root, of the tables {@code stage} makes under {@code configHash}. */
  public static String of(String stage, String configHash) {
    return ROOT + "/" + stage + "/" + configHash;
  }

  /** The sweep layout's section of docs/tables.md. */
  static String markdown() {
    return """
        ## Sweeps: where each grid point's tables live

        `jobs/gags sweep` runs every grid point's pipeline into one output root. The tables of a \
        stage live in a folder named by the stage's config hash,
        `<out>/stages/<stage>/<config hash>/<table>/scene_id=<id>/`. The hash covers the stage's \
        config values, its models' spec ids and the hashes of its upstream stages, so two grid \
        points that agree on a stage and on everything before it name the same folder: the first \
        point computes the stage, the others find it committed under the same hash and skip it (as \
        `run` skips a stage whose output exists under the same config). Points that differ write to \
        different folders and never overwrite each other's tables. Each point's manifest \
        (`<out>/_gags/runs/<sweep id>-<point>/manifest.json`, key `table_folders`) lists the folder \
        of each of its tables, and `sweep_metrics.eval_folder` names the folder of its `results`, \
        `metrics` and heatmaps. At the root stay `sweep_metrics` (partitioned by `point`), \
        `failures`, the run records under `_gags/runs/`, the sweep's record \
        (`_gags/sweeps/<sweep id>/`: the grid file as given and a manifest with every point's stage \
        hashes), training checkpoints (per scene and distill hash) and the reports \
        (`reports/sweep-<sweep id>.html` and `.csv`, and each point's eval report). A sweep started \
        again skips the points whose `sweep_metrics` partition covers its scenes under the same \
        overrides and eval hash, and every stage already committed under its hash.
        """;
  }
}
