package org.gags.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gags.io.Npy;
import org.gags.scene.LabelFile;
import org.gags.scene.LabelWriter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class QueryScorerTest {
  @TempDir Path dir;

  @Test
  void eachCategoryIsFoundInItsOwnBox() {
    QueryScorer.Result r = QueryScorer.score(SyntheticQueryFrame.map(), SyntheticQueryFrame.label(),
        SyntheticQueryFrame.text());
    assertEquals("frame_00003", r.frame());
    assertEquals(List.of("mug", "red plate"), r.categories().stream().map(QueryScorer.CategoryScore::category).toList());
    for (QueryScorer.CategoryScore c : r.categories()) {
      assertTrue(c.score().hit(), c.category());
      assertTrue(c.score().iou() > 0.7, c.category() + ": IoU " + c.score().iou());
      // On its own feature the query's probability against an orthogonal canonical phrase is 1/(1+e^-10).
      assertEquals(1 / (1 + Math.exp(-10)), c.maxRelevancy(), 1e-7);
    }
    assertTrue(r.scoreMillis() > 0);
  }

  @Test
  void scoresAreFrameScorersOnTheRelevancyMaps() {
    DecodedMap map = SyntheticQueryFrame.map();
    LabelFile label = SyntheticQueryFrame.label();
    QueryEmbeddings text = SyntheticQueryFrame.text();
    QueryScorer.Result r = QueryScorer.score(map, label, text);
    for (QueryScorer.CategoryScore c : r.categories()) {
      float[] v = Relevancy.maps(map.features(), map.pixels(), map.dim(), new float[][] {text.query(c.category())},
          text.canonical())[0];
      assertArrayEquals(v, c.relevancy());
      FrameScore s = FrameScorer.score(v, map.width(), map.height(), label.objectsOf(c.category()));
      assertEquals(s.hit(), c.score().hit());
      assertEquals(s.iou(), c.score().iou());
      assertEquals(s.candidates(), c.score().candidates());
    }
  }

  @Test
  void theSamePairsAsMapsEvaluationOnTheSameMapsWrittenToDisk() throws Exception {
    LabelFile label = SyntheticQueryFrame.label();
    QueryScorer.Result r = QueryScorer.score(SyntheticQueryFrame.map(), label, SyntheticQueryFrame.text());
    Path labels = dir.resolve("labels");
    Path maps = dir.resolve("maps");
    LabelWriter.write(labels.resolve("frame_00003.json"), label);
    java.nio.file.Files.createDirectories(maps);
    for (QueryScorer.CategoryScore c : r.categories()) {
      Npy.writeFloat32(maps.resolve(new MapName(3, c.category()).fileName()), c.relevancy(), label.height(),
          label.width());
    }
    MapsEvaluation.Result fromDisk = MapsEvaluation.run(maps, labels);
    assertEquals(List.of(), fromDisk.missing());
    assertEquals(fromDisk.scores(), r.pairs());
  }

  @Test
  void badInputNamesTheLabelFileAndField() {
    LabelFile label = SyntheticQueryFrame.label();
    DecodedMap small = new DecodedMap(new float[32 * 48 * 8], 32, 48, 8);
    EvalInputException e = assertThrows(EvalInputException.class,
        () -> QueryScorer.score(small, label, SyntheticQueryFrame.text()));
    assertEquals("frame_00003.jpg: info.width, info.height: expected 32 x 48 (the decoded map's size), found 64 x 48",
        e.getMessage());
    QueryEmbeddings onlyMug = new QueryEmbeddings(Map.of("mug", RelevancyTest.axis(8, 0)),
        SyntheticQueryFrame.text().canonical());
    e = assertThrows(EvalInputException.class, () -> QueryScorer.score(SyntheticQueryFrame.map(), label, onlyMug));
    assertEquals("frame_00003.jpg: objects[].category: expected a category with a text embedding (one of [mug]), "
        + "found 'red plate'", e.getMessage());
    QueryEmbeddings wide = new QueryEmbeddings(Map.of(), new float[4][16]);
    e = assertThrows(EvalInputException.class, () -> QueryScorer.score(SyntheticQueryFrame.map(), label, wide));
    assertTrue(e.getMessage().contains("expected 8 floats each"), e.getMessage());
    IllegalArgumentException d = assertThrows(IllegalArgumentException.class,
        () -> new DecodedMap(new float[10], 2, 2, 2));
    assertEquals("decoded map: expected 2 x 2 x 2 = 8 floats, found 10", d.getMessage());
  }
}
