package org.gags.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gags.eval.GroundTruth;
import org.gags.io.Npy;
import org.gags.scene.LabelFile;
import org.gags.scene.LabelReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gags eval-maps}, run in-process as a user would run it, on the real waldo_kitchen labels. */
@Tag("unit")
class EvalMapsCommandTest {
  @TempDir Path dir;
  Path labels;
  Path maps;

  @BeforeEach
  void copyLabelsAndMakePerfectMaps() throws Exception {
    labels = dir.resolve("labels");
    maps = dir.resolve("maps");
    Files.createDirectories(labels);
    Files.createDirectories(maps);
    Path src = Path.of(getClass().getResource("/lerf_ovs/waldo_kitchen").toURI());
    for (String name : List.of("frame_00066.json", "frame_00089.json")) {
      Files.copy(src.resolve(name), labels.resolve(name));
      LabelFile l = LabelReader.read(labels.resolve(name));
      for (String c : l.categories()) {
        boolean[] gt = GroundTruth.mask(l.objectsOf(c), l.width(), l.height());
        float[] v = new float[gt.length];
        for (int i = 0; i < v.length; i++) {
          v[i] = gt[i] ? 0.9f : 0.1f;
        }
        Npy.writeFloat32(maps.resolve(String.format("frame_%05d__%s.npy", l.frameIndex() + 1, c)), v, l.height(), l.width());
      }
    }
  }

  private CliRunner.Run eval(Path out) {
    return CliRunner.gags("eval-maps", "--maps", maps.toString(), "--labels", labels.toString(), "--out", out.toString());
  }

  @Test
  void writesTheCsvAndPrintsTheMetrics() throws IOException {
    Path out = dir.resolve("scores.csv");
    CliRunner.Run r = eval(out);
    assertEquals(0, r.code(), r.err());
    List<String> rows = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertEquals("frame,category,hit,iou", rows.get(0));
    assertEquals(1 + 7, rows.size(), "one row per (frame, category)");
    assertTrue(rows.get(1).startsWith("frame_00066,plastic ladle,1,0."), rows.get(1));
    assertTrue(rows.stream().anyMatch(s -> s.startsWith("frame_00089,knife,1,")), rows.toString());
    assertTrue(r.out().contains("category       pairs    mAcc    mIoU"), r.out());
    assertTrue(r.out().contains("plastic ladle      1  1.0000  0."), r.out());
    assertTrue(r.out().contains("frame_00089      3  1.0000  0."), r.out());
    assertTrue(r.out().contains("overall: mAcc 1.0000  mIoU 0."), r.out());
    assertTrue(r.out().contains("(7 pairs)"), r.out());
  }

  @Test
  void aMissingMapIsListedAndExitsOne() throws IOException {
    Files.delete(maps.resolve("frame_00089__ketchup.npy"));
    Path out = dir.resolve("scores.csv");
    CliRunner.Run r = eval(out);
    assertEquals(1, r.code());
    assertTrue(r.err().contains("1 of 7 labelled (frame, category) pairs have no map"), r.err());
    assertTrue(r.err().contains("missing: frame_00089 / ketchup (no frame_00089__ketchup.npy)"), r.err());
    assertEquals(1 + 6, Files.readAllLines(out).size(), "the scored pairs are still written");
  }

  @Test
  void aSizeMismatchNamesTheFileAndBothSizes() throws IOException {
    Path bad = maps.resolve("frame_00066__pot.npy");
    Npy.writeFloat32(bad, new float[20 * 30], 20, 30);
    Path out = dir.resolve("scores.csv");
    CliRunner.Run r = eval(out);
    assertEquals(1, r.code());
    assertTrue(r.err().contains(bad + ": shape: expected (725, 985) (height, width of "), r.err());
    assertTrue(r.err().contains("found (20, 30)"), r.err());
    assertFalse(Files.exists(out), "nothing written on bad input");
  }

  @Test
  void aNanNamesItsPixel() throws IOException {
    Path bad = maps.resolve("frame_00066__spatula.npy");
    float[] v = new float[725 * 985];
    v[3 * 985 + 7] = Float.NaN;
    Npy.writeFloat32(bad, v, 725, 985);
    CliRunner.Run r = eval(dir.resolve("scores.csv"));
    assertEquals(1, r.code());
    assertTrue(r.err().contains(bad + ": value at row 3, column 7: expected a finite number, found NaN"), r.err());
  }

  @Test
  void mapsOfUnknownCategoriesOrFramesAreRefused() throws IOException {
    Path cat = maps.resolve("frame_00066__teapot.npy");
    Npy.writeFloat32(cat, new float[4], 2, 2);
    CliRunner.Run r = eval(dir.resolve("scores.csv"));
    assertEquals(1, r.code());
    assertTrue(r.err().contains(cat + ": category: expected one of [plastic ladle, refrigerator, pot, spatula]"), r.err());
    assertTrue(r.err().contains("found 'teapot'"), r.err());
    Files.delete(cat);
    Path frame = maps.resolve("frame_00070__pot.npy");
    Npy.writeFloat32(frame, new float[4], 2, 2);
    r = eval(dir.resolve("scores.csv"));
    assertTrue(r.err().contains(frame + ": frame: expected one of the labelled frames [frame_00066, frame_00089], found frame number 70"), r.err());
    Files.delete(frame);
    Path odd = maps.resolve("notes.txt");
    Files.writeString(odd, "x");
    r = eval(dir.resolve("scores.csv"));
    assertTrue(r.err().contains(odd + ": file name: expected a map named frame_XXXXX__<category>.npy"), r.err());
  }

  @Test
  void badUsageExitsTwo() {
    Path none = dir.resolve("no-maps");
    CliRunner.Run r = CliRunner.gags("eval-maps", "--maps", none.toString(), "--labels", labels.toString(), "--out", dir.resolve("s.csv").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--maps " + none + ": expected a folder of .npy maps, found nothing"), r.err());
    assertEquals(2, CliRunner.gags("eval-maps", "--maps", maps.toString()).code());
    CliRunner.Run help = CliRunner.gags("eval-maps", "--help");
    assertEquals(0, help.code());
    assertTrue(help.out().contains("Usage: gags eval-maps"), help.out());
  }
}
