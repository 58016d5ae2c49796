package org.gags.spark.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.gags.config.Preset;
import org.gags.config.ResolvedConfig;
import org.gags.io.ImageFiles;
import org.gags.scene.ColmapCamera;
import org.gags.scene.ColmapImage;
import org.gags.scene.ColmapModel;
import org.gags.scene.ColmapReader;
import org.gags.scene.ColmapWriter;
import org.gags.scene.GaussianCloud;
import org.gags.scene.LabelFile;
import org.gags.scene.LabelObject;
import org.gags.scene.LabelReader;
import org.gags.scene.LabelWriter;
import org.gags.scene.PlyWriter;
import org.gags.scene.SceneCheck;
import org.gags.scene.SceneFormatException;
import org.gags.scene.SceneLoader;
import org.gags.store.TableStore;
import org.gags.store.rows.FailureRow;
import org.gags.synth.OrbitScene;
import org.gags.testing.SparkTestBase;
import org.gags.testing.TestFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input suite: one run of the geometry stages over a collection that mixes good tiny scenes
 * with one scene per kind of bad input (each a copy of a good scene with one defect, or an empty
 * folder). Each bad scene fails alone, in the scan stage, with a reason that names its file and
 * field, in the {@code failures} table; nothing of it is committed; the good scenes (among them a
 * label category drawn wholly outside its image, which the LERF-OVS protocol scores rather than
 * refuses) write the same data pages as a run of the good scenes alone.
 */
class BadInputSparkTest extends SparkTestBase {
  private static final String PLY = "point_cloud.ply";
  private static final int WIDTH = 64;
  private static final int HEIGHT = 48;
  private static final List<String> TABLES = List.of("scenes", "views", "depth", "gaussian_min_depth", "min_depth", "prompts");

  @TempDir static Path dir;
  static Path collection;
  static Path good;
  /** Bad scene id → fragments its failure message must hold (file, field, expected, found). */
  static final Map<String, List<String>> BAD = new LinkedHashMap<>();
  static final List<String> GOOD = List.of("00-good-a", "05-good-b", "10-good-category-outside-its-image");

  @BeforeAll
  static void writeCollection() throws IOException {
    startSpark("BadInputSparkTest", Map.of());
    collection = dir.resolve("collection");
    good = collection.resolve("00-good-a");
    tinyScene(good, 1);
    tinyScene(collection.resolve("05-good-b"), 7);

    Path outside = copy("10-good-category-outside-its-image");
    Path label = outside.resolve("label/frame_00001.json");
    LabelFile l = LabelReader.read(label);
    List<LabelObject> objects = new ArrayList<>(l.objects());
    objects.add(new LabelObject("unicorn", new double[][] {{500, 500}, {510, 500}, {510, 510}}, new double[] {500, 500, 510, 510}));
    LabelWriter.write(label, new LabelFile(l.name(), l.width(), l.height(), objects));

    Files.write(plyOf(bad("01-truncated-ply", "point_cloud.ply", "element vertex data at byte offset", "the data ends inside vertex")),
        Arrays.copyOf(Files.readAllBytes(plyOf(good)), (int) Files.size(plyOf(good)) - 1000));
    patchFloats(plyOf(bad("02-nan-positions", "point_cloud.ply", "vertex 7, property y", "expected a finite value, found NaN")),
        7, List.of("y"), Float.NaN);
    patchFloats(plyOf(bad("03-zero-quaternions", "point_cloud.ply", "vertex 3, properties rot_0..rot_3",
        "expected a rotation quaternion of non-zero length", "found 0.0, 0.0, 0.0, 0.0")), 3,
        List.of("rot_0", "rot_1", "rot_2", "rot_3"), 0f);
    PlyWriter.write(plyOf(bad("04-zero-gaussians", "point_cloud.ply", "element vertex: expected at least one Gaussian",
        "found 0 vertices")), new GaussianCloud(0, 0, new float[0], null, new float[0], new float[0], new float[0],
        new float[0], new float[0], null));

    try (Stream<Path> images = Files.list(bad("06-colmap-images-missing", "images/frame_00001.png",
        "image 1 of sparse/0/images.txt", "expected an image file images/frame_00001.png, found nothing there")
        .resolve("images"))) {
      for (Path image : images.toList()) {
        Files.delete(image);
      }
    }
    rewriteColmap(bad("07-unknown-camera-id", "sparse/0/images.txt", "image 2 (frame_00002.png)",
        "expected a camera id present in cameras.txt [1]", "found camera id 99"), 2, 99, null);
    rewriteColmap(bad("08-refused-camera-model", "sparse/0/cameras.txt", "camera 1 (used by frame_00001.png)",
        "expected camera model SIMPLE_PINHOLE, PINHOLE or SIMPLE_RADIAL", "found OPENCV"), -1, 0, "OPENCV");
    Path cut = bad("09-unreadable-image-cut-short", "images/frame_00003.png", "PNG chunk", "the file is cut short")
        .resolve("images/frame_00003.png");
    Files.write(cut, Arrays.copyOf(Files.readAllBytes(cut), (int) Files.size(cut) / 2));
    Files.write(bad("11-unreadable-image-not-an-image", "images/frame_00002.png", "image header",
        "found an unrecognised format").resolve("images/frame_00002.png"), "not an image".getBytes(StandardCharsets.UTF_8));
    ImageFiles.writePng(bad("12-wrong-size-image", "images/frame_00004.png", "image size",
        "expected 64x48 (camera 1 in sparse/0/cameras.txt), found 10x10").resolve("images/frame_00004.png"),
        new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB));
    Path twoPoints = bad("13-label-polygon-of-2-points", "label/frame_00004.json", "objects[0].segmentation",
        "expected a polygon of at least 3 [x, y] points, found 2 points").resolve("label/frame_00004.json");
    String json = Files.readString(twoPoints);
    int from = json.indexOf("\"segmentation\"");
    int open = json.indexOf("[", from);
    int end = matchingBracket(json, open);
    Files.writeString(twoPoints, json.substring(0, open) + "[[1.0, 1.0], [5.0, 5.0]]" + json.substring(end + 1));
    Files.copy(good.resolve("label/frame_00001.json"), bad("14-label-of-no-view", "label/frame_00099.json",
        "file name", "found no image named frame_00099.* among the scene's 4 views").resolve("label/frame_00099.json"));
    Files.createDirectories(collection.resolve("15-empty-scene-folder"));
    BAD.put("15-empty-scene-folder", List.of("15-empty-scene-folder: scene folder: expected a scene", "found an empty folder"));
  }

  /**
   * A tiny scene: 2,000 Gaussians in a ball seen by 4 cameras at 64x48 ({@link OrbitScene}), with
   * LERF-OVS labels on views 1 and 4 (the ball's middle as "ball").
   */
  private static void tinyScene(Path root, long seed) throws IOException {
    OrbitScene.write(root, seed, 2000, 4, WIDTH, HEIGHT);
    for (String frame : List.of("frame_00001", "frame_00004")) {
      LabelWriter.write(root.resolve("label/" + frame + ".json"), new LabelFile(frame + ".png", WIDTH, HEIGHT, List.of(
          new LabelObject("ball", new double[][] {{24, 16}, {40, 16}, {40, 32}, {24, 32}}, new double[] {24, 16, 40, 32}))));
    }
  }

  /** A copy of the good scene that will get one defect; its failure must name {@code file} and hold {@code fragments}. */
  private static Path bad(String id, String file, String... fragments) throws IOException {
    List<String> all = new ArrayList<>(List.of(file));
    all.addAll(List.of(fragments));
    BAD.put(id, all);
    return copy(id);
  }

  private static Path copy(String id) throws IOException {
    Path scene = collection.resolve(id);
    TestFiles.copyTree(good, scene);
    return scene;
  }

  private static Path plyOf(Path scene) {
    return scene.resolve(PLY);
  }

  /** Overwrites float properties of one vertex of a PLY as {@code PlyWriter} lays it out (all floats). */
  private static void patchFloats(Path ply, int vertex, List<String> properties, float value) throws IOException {
    byte[] bytes = Files.readAllBytes(ply);
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    int dataOffset = text.indexOf("end_header\n") + "end_header\n".length();
    List<String> names = text.substring(0, dataOffset).lines().filter(line -> line.startsWith("property float "))
        .map(line -> line.substring("property float ".length())).toList();
    ByteBuffer data = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    for (String p : properties) {
      data.putFloat(dataOffset + 4 * (vertex * names.size() + names.indexOf(p)), value);
    }
    Files.write(ply, bytes);
  }

  /** Rewrites the scene's COLMAP text model with image {@code imageId} on camera {@code cameraId}, or camera 1 as {@code model}. */
  private static void rewriteColmap(Path scene, int imageId, int cameraId, String model) {
    Path sparse = scene.resolve("sparse/0");
    ColmapModel m = ColmapReader.read(sparse);
    Map<Integer, ColmapCamera> cameras = new TreeMap<>(m.cameras());
    if (model != null) {
      ColmapCamera c = cameras.get(1);
      double[] p = c.params();
      cameras.put(1, new ColmapCamera(1, model, c.width(), c.height(), new double[] {p[0], p[1], p[2], p[3], 0, 0, 0, 0}));
    }
    List<ColmapImage> images = new ArrayList<>();
    for (ColmapImage i : m.images()) {
      images.add(i.id() != imageId ? i
          : new ColmapImage(i.id(), i.qw(), i.qx(), i.qy(), i.qz(), i.tx(), i.ty(), i.tz(), cameraId, i.name()));
    }
    ColmapWriter.writeText(sparse, new ColmapModel(cameras, images));
  }

  private static int matchingBracket(String s, int open) {
    int depth = 0;
    for (int i = open; i < s.length(); i++) {
      depth += s.charAt(i) == '[' ? 1 : s.charAt(i) == ']' ? -1 : 0;
      if (depth == 0) {
        return i;
      }
    }
    throw new IllegalArgumentException("no matching bracket");
  }

  /** All scenes of a run in one batch: the bad scenes fail inside the same Spark jobs as the good ones. */
  private static RunContext context(Path out) {
    ResolvedConfig config = ResolvedConfig.resolve(Preset.GAGS, null, List.of("run.concurrent_scenes=16"));
    return new RunContext(spark, new TableStore(out.toString(), spark.sparkContext().hadoopConfiguration()), config,
        "bad-input-" + System.nanoTime(), "test");
  }

  @Test
  void eachBadSceneFailsAloneInScanWithItsFileAndFieldAndTheGoodScenesWriteWhatTheyWriteAlone() throws IOException {
    List<SceneRef> scenes = SceneInputs.resolve(List.of(collection.toString()));
    assertEquals(GOOD.size() + BAD.size(), scenes.size(), "every folder of the collection is a scene, the empty one too");
    Path out = dir.resolve("out-mixed");
    long t0 = System.nanoTime();
    RunReport report = new Pipeline(context(out)).run(scenes, Set.copyOf(Stages.withoutModels()), false);
    System.out.printf("bad-input suite: %d scenes (%d bad) through %s in %.1f s%n", scenes.size(), BAD.size(),
        Stages.withoutModels(), (System.nanoTime() - t0) / 1e9);

    Map<String, RunReport.SceneResult> failed = new TreeMap<>();
    report.failures().forEach(f -> failed.put(f.scene().id(), f));
    assertEquals(new TreeMap<>(BAD).keySet(), failed.keySet(), report.toString());
    List<Row> rows = spark.read().parquet(out.resolve("failures").toString()).collectAsList();
    assertEquals(BAD.size(), rows.size());
    for (Row r : rows) {
      FailureRow f = FailureRow.from(r);
      System.out.println("  " + f.sceneId() + ": " + f.message());
      assertEquals("scan", f.stage(), f.sceneId() + " fails in the scan stage, before any executor reads it");
      assertEquals("SceneFormatException", f.error(), f.message());
      assertEquals(failed.get(f.sceneId()).error(), f.message());
      assertTrue(f.message().contains(collection.resolve(f.sceneId()).toString()), "names the scene's own file: " + f.message());
      for (String fragment : BAD.get(f.sceneId())) {
        assertTrue(f.message().contains(fragment), f.sceneId() + ": the reason lacks '" + fragment + "': " + f.message());
      }
      for (String table : TABLES) {
        assertFalse(Files.exists(out.resolve(table + "/scene_id=" + f.sceneId())), f.sceneId() + " committed " + table);
      }
    }

    // How long the scan's checks take to refuse each bad scene, outside Spark (the stage's own time is mostly its table writes).
    long slowest = 0;
    for (String id : BAD.keySet()) {
      long t = System.nanoTime();
      try {
        SceneCheck.check(SceneLoader.load(collection.resolve(id)));
      } catch (SceneFormatException e) {
        slowest = Math.max(slowest, System.nanoTime() - t);
        continue;
      }
      throw new AssertionError(id + " passed the scan's checks");
    }
    System.out.printf("bad-input suite: the slowest bad scene is refused in %.1f ms%n", slowest / 1e6);

    Path alone = dir.resolve("out-good-alone");
    List<SceneRef> goodOnly = scenes.stream().filter(s -> GOOD.contains(s.id())).toList();
    assertEquals(GOOD, goodOnly.stream().map(SceneRef::id).toList());
    assertTrue(new Pipeline(context(alone)).run(goodOnly, Set.copyOf(Stages.withoutModels()), false).failures().isEmpty());
    for (String id : GOOD) {
      for (String table : TABLES) {
        assertArrayEquals(dataPages(alone.resolve(table + "/scene_id=" + id)), dataPages(out.resolve(table + "/scene_id=" + id)),
            table + " of " + id + ": the mixed run wrote other data pages than the good scenes alone");
      }
    }
  }

  /** The Parquet file of a partition up to its footer: every data page, byte for byte. */
  private static byte[] dataPages(Path partition) throws IOException {
    byte[] file = Files.readAllBytes(PipelineSparkTest.parquetFile(partition));
    int n = file.length;
    int footer = (file[n - 8] & 0xff) | (file[n - 7] & 0xff) << 8 | (file[n - 6] & 0xff) << 16 | (file[n - 5] & 0xff) << 24;
    return Arrays.copyOf(file, n - 8 - footer);
  }
}
