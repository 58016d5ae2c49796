/**
 * Evaluation of relevancy maps by the LERF-OVS / LangSplat protocol GAGS reports (METHOD.md
 * section 4): localisation accuracy (mAcc) and mask IoU (mIoU), exact to the reference's OpenCV
 * and float32 arithmetic.
 *
 * <p>{@link org.gags.eval.FrameScorer#score} is the one entry point for one (frame, category); it
 * composes the named steps {@link org.gags.eval.BoxFilter} (OpenCV {@code filter2D} box30), {@link
 * org.gags.eval.Localization}, {@link org.gags.eval.Segmentation}, {@link
 * org.gags.eval.MajorityVote}, {@link org.gags.eval.GroundTruth} ({@link
 * org.gags.eval.PolygonFill}, OpenCV {@code fillPoly}) and {@link org.gags.eval.Iou}. Fast paths
 * have slow twins ({@link org.gags.eval.BoxFilterReference}, {@link
 * org.gags.eval.MajorityVoteReference}); tests hold both, and the OpenCV steps, against fixtures
 * made by real OpenCV ({@code src/test/fixtures/make_eval_fixtures.py}). {@link
 * org.gags.eval.MapsEvaluation} scores a folder of {@code .npy} maps against a folder of label files
 * for the {@code eval-maps} command; {@link org.gags.eval.Metrics} aggregates.
 *
 * <p>The query side starts from a frame's decoded feature map ({@link org.gags.eval.DecodedMap}):
 * {@link org.gags.eval.Relevancy} turns it into the relevancy of every query in one pass over the
 * pixels (LERF's pair softmax against {@link org.gags.eval.Relevancy#CANONICAL_PHRASES}; slow twin
 * {@link org.gags.eval.RelevancyReference}), and {@link org.gags.eval.QueryScorer} scores the
 * frame's categories through {@code FrameScorer}, the path {@code MapsEvaluation} takes. The text
 * embeddings ({@link org.gags.eval.QueryEmbeddings}) come from outside, from {@code
 * org.gags.model.clip.TextQueries}. For people: {@link org.gags.eval.Heatmap} draws one PNG per
 * frame and query (relevancy, predicted mask outline, ground-truth boxes, predicted point) and
 * {@link org.gags.eval.HtmlReport} writes one offline page per run (metrics per {@link
 * org.gags.eval.SceneScores}, bars, {@link org.gags.eval.LatencyStats} of {@link
 * org.gags.eval.FrameTiming}s, the config, {@link org.gags.eval.HeatmapLink}s).
 *
 * <p>Plain Java on arrays and records: no Spark, Hadoop, Parquet or DJL here, so an engine stage
 * calls the same code. Bad input is an {@link org.gags.eval.EvalInputException} naming the file,
 * the field, what was expected and what was found.
 */
package org.gags.eval;
