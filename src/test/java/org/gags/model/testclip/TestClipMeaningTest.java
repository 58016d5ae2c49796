package org.gags.model.testclip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gags.embed.ClipCrop;
import org.gags.embed.ClipTokenizer;
import org.gags.synth.Entity;
import org.gags.synth.SampleScene;
import org.gags.synth.SynthConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/**
 * The test CLIP model means something on the sample scene. Ground-truth masks of every entity in
 * the 24 views (rendered from the scene's per-Gaussian entity ids, masks of at least
 * {@link #MIN_PIXELS} pixels) are cropped with {@link ClipCrop} and embedded by image.onnx in ONNX
 * Runtime; the entities' queries go through the CLIP tokenizer and text.onnx. Measured on the
 * default scene (seed 42) with model version 1: every entity's crops are closer to each other
 * across views than to any other entity's, all 16 queries find their own entity, and the parts of
 * each object separate at 98% or better (the tables are printed).
 */
@Tag("model")
class TestClipMeaningTest {
  static final int MIN_PIXELS = 50;

  @TempDir static Path dir;
  static List<Entity> entities;
  static int[] entityOf;
  static int[] viewOf;
  static float[][] unit;
  static float[][] queries;

  @BeforeAll
  static void embedGroundTruthCrops() throws Exception {
    long t0 = System.nanoTime();
    Path scene = dir.resolve("scene");
    SampleScene.write(scene, SynthConfig.DEFAULT);
    long t1 = System.nanoTime();
    TestClipModel.Files model = TestClipModel.write(dir.resolve("clip"));
    SceneCrops crops = SceneCrops.of(scene, MIN_PIXELS);
    long t2 = System.nanoTime();
    entities = crops.entities();
    int n = crops.crops().size();
    entityOf = new int[n];
    viewOf = new int[n];
    float[][] emb = new float[n][];
    try (OrtTowers ort = new OrtTowers(model.dir())) {
      int batch = 16;
      float[] buf = new float[batch * ClipCrop.FLOATS];
      for (int start = 0; start < n; start += batch) {
        int b = Math.min(batch, n - start);
        for (int i = 0; i < b; i++) {
          SceneCrops.Crop c = crops.crops().get(start + i);
          System.arraycopy(c.chw(), 0, buf, i * ClipCrop.FLOATS, ClipCrop.FLOATS);
          entityOf[start + i] = c.entity();
          viewOf[start + i] = c.view();
        }
        float[][] out = ort.image(buf, b);
        System.arraycopy(out, 0, emb, start, b);
      }
      ClipTokenizer tok = ClipTokenizer.bundled();
      long[] ids = new long[entities.size() * TestClipModel.CONTEXT];
      for (int e = 0; e < entities.size(); e++) {
        System.arraycopy(tok.tokenize(entities.get(e).query()), 0, ids, e * TestClipModel.CONTEXT, TestClipModel.CONTEXT);
      }
      queries = Meaning.normalise(ort.text(ids, entities.size()));
    }
    unit = Meaning.normalise(emb);
    System.out.printf(Locale.ROOT, "meaning test: scene %.1f s, model and %d ground-truth crops %.1f s, embedding %.1f s%n",
        (t1 - t0) / 1e9, n, (t2 - t1) / 1e9, (System.nanoTime() - t2) / 1e9);
  }

  @Test
  void cropsOfOneEntityAcrossViewsAreCloserToEachOtherThanToOtherEntities() {
    List<Meaning.Consistency> rows = Meaning.consistency(entities, entityOf, viewOf, unit);
    System.out.println("(a) mean cosine between crops of an entity from different views, and with other entities' crops\n"
        + Meaning.consistencyTable(rows));
    assertTrue(rows.size() >= 15, "entities with two or more crops: " + rows.size());
    for (Meaning.Consistency c : rows) {
      assertTrue(c.holds(), c.entity() + ": its crops agree at " + c.within() + " but " + c.nearestOther()
          + "'s crops are at " + c.nearestOtherCos());
      assertTrue(c.within() > 0.7, c.entity() + ": crops agree only at " + c.within());
      assertTrue(c.within() - c.between() > 0.5, c.entity() + ": within " + c.within() + ", between " + c.between());
    }
  }

  @Test
  void eachQueryIsClosestToCropsOfItsOwnEntity() {
    List<Meaning.Retrieval> rows = Meaning.retrieval(entities, queries, entityOf, unit);
    long hits = rows.stream().filter(Meaning.Retrieval::hit).count();
    System.out.println("(b) text query vs crops: mean cosine with its own entity's crops and with the best other entity's\n"
        + Meaning.retrievalTable(rows) + hits + " of " + rows.size() + " queries are closest to their own entity");
    assertEquals(16, rows.size());
    assertTrue(hits >= 15, hits + " of 16 queries find their own entity (measured: 16)");
  }

  @Test
  void everyWordOfTheScenesQueriesIsAKnownWordOrAStopWord() {
    TextTower text = TestClipModel.generate().textTower();
    for (Entity e : entities) {
      for (int id : ClipTokenizer.bundled().encode(e.query())) {
        int row = text.row(id);
        assertTrue(row >= 0 && row <= TextTower.WORDS.size(), e.query() + ": token " + id + " reads spare row " + row);
      }
    }
  }

  @Test
  void partsOfOneObjectSeparate() {
    String[][] groups = {
        {"mug handle", "logo on the mug", "coffee"},
        {"mug", "mug handle", "logo on the mug", "coffee"},
        {"bottle cap", "bottle label"},
        {"bottle", "bottle cap", "bottle label"},
        {"book", "book title"},
        {"apple stem", "leaf"},
        {"apple", "apple stem", "leaf"},
        {"cookie", "chocolate chips"},
        {"plate", "cookie", "chocolate chips"},
    };
    StringBuilder table = new StringBuilder("(c) leave-one-out nearest-centroid accuracy among one object's parts\n");
    List<String> weak = new ArrayList<>();
    for (String[] g : groups) {
      int[] ids = new int[g.length];
      for (int i = 0; i < g.length; i++) {
        ids[i] = id(g[i]);
      }
      double acc = Meaning.partAccuracy(ids, entityOf, unit);
      table.append(String.format(Locale.ROOT, "%-50s %6.3f%n", String.join(" | ", g), acc));
      if (acc < 0.9) {
        weak.add(String.join(" | ", g) + ": " + acc);
      }
    }
    System.out.print(table);
    assertTrue(weak.isEmpty(), "parts that do not separate: " + weak);
  }

  private static int id(String query) {
    for (Entity e : entities) {
      if (e.query().equals(query)) {
        return e.id();
      }
    }
    throw new IllegalArgumentException("no entity " + query);
  }
}
