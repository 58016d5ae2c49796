package org.gags.spark.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.gags.config.Preset;
import org.gags.config.ResolvedConfig;
import org.gags.store.rows.TrainingRow;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The fault switch's draws and config, the training curve kept beside a checkpoint, and the
 * decoders' NPZ without timestamps; no Spark (TaskFaultsSparkTest runs the failures in tasks).
 */
@Tag("unit")
class TaskFaultsTest {
  @Test
  void randomDrawsDependOnSeedSitePartitionAndAttemptAndHitTheirRate() {
    TaskFaults f = new TaskFaults(false, 0.3, 7);
    int failed = 0;
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      failed += f.fails("depth", i, 0) ? 1 : 0;
    }
    assertEquals(0.3, failed / (double) n, 0.02, "share of attempts failed");
    List<Boolean> a = draws(f, "depth");
    assertEquals(a, draws(new TaskFaults(false, 0.3, 7), "depth"), "the same seed fails the same attempts");
    assertNotEquals(a, draws(new TaskFaults(false, 0.3, 8), "depth"), "another seed, other attempts");
    assertNotEquals(a, draws(f, "segment"), "another site, other attempts");
    boolean retrySucceedsSomewhere = false;
    for (int p = 0; p < 64; p++) {
      retrySucceedsSomewhere |= f.fails("depth", p, 0) && !f.fails("depth", p, 1);
    }
    assertTrue(retrySucceedsSomewhere, "a failed attempt's retry draws again");
    assertFalse(new TaskFaults(false, 0, 7).fails("depth", 0, 0));
    assertTrue(new TaskFaults(false, 1, 7).fails("depth", 0, 5));
  }

  private static List<Boolean> draws(TaskFaults f, String site) {
    List<Boolean> out = new ArrayList<>();
    for (int p = 0; p < 64; p++) {
      out.add(f.fails(site, p, 0));
    }
    return out;
  }

  @Test
  void offByDefaultAndNothingOutsideATask() {
    TaskFaults none = TaskFaults.of(ResolvedConfig.resolve(Preset.GAGS, null, List.of()));
    assertEquals(TaskFaults.NONE, none);
    assertFalse(none.on());
    TaskFaults first = TaskFaults.of(ResolvedConfig.resolve(Preset.GAGS, null, List.of("faults.fail_first_attempt=true")));
    assertTrue(first.on());
    first.check("depth"); // no task here: nothing to fail
    Iterator<Integer> it = first.afterLast("depth", List.of(1, 2).iterator());
    assertEquals(1, it.next());
    assertEquals(2, it.next());
    assertFalse(it.hasNext());
    assertEquals("{fail_first_attempt=true, random_rate=0.0, seed=0}", first.manifest().toString());
  }

  @Test
  void theFaultKeysChangeNoStagesConfig() {
    ResolvedConfig plain = ResolvedConfig.resolve(Preset.GAGS, null, List.of());
    ResolvedConfig faulty = ResolvedConfig.resolve(Preset.GAGS, null,
        List.of("faults.fail_first_attempt=true", "faults.random_rate=0.5", "faults.seed=3"));
    for (String stage : Stages.names()) {
      assertEquals(plain.forStage(stage), faulty.forStage(stage), stage);
    }
    assertEquals(StageHashes.compute(Stages.all(), plain), StageHashes.compute(Stages.all(), faulty));
  }

  @Test
  void aBadFaultValueIsRefusedWithItsKey() {
    Exception e = assertThrows(Exception.class,
        () -> ResolvedConfig.resolve(Preset.GAGS, null, List.of("faults.random_rate=1.5")));
    assertTrue(e.getMessage().contains("faults.random_rate") && e.getMessage().contains("1.5"), e.getMessage());
  }

  @Test
  void theTrainingCurveRoundTripsAndIsCutAtTheCheckpoint() throws IOException {
    TrainingCurve c = new TrainingCurve(List.of(new TrainingRow(1, 0, 0.5, 0.4, 0.1, 0.9, 1.25),
        new TrainingRow(10, 1, 0.25, 0.3, Double.MIN_VALUE, 0.55, 9.5), new TrainingRow(20, 0, 0.2, 0.3, 0, 0.5, 19)),
        19.5);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    c.write(bytes);
    TrainingCurve back = TrainingCurve.read(new ByteArrayInputStream(bytes.toByteArray()), "x.training");
    assertEquals(c, back);
    assertEquals(c.rows().subList(0, 2), back.upTo(19));
    assertEquals("out/_gags/checkpoints/distill/s/abc.training", TrainingCurve.beside("out/_gags/checkpoints/distill/s/abc.npz"));
    IOException bad = assertThrows(IOException.class,
        () -> TrainingCurve.read(new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 0, 0, 0, 1}), "y.training"));
    assertTrue(bad.getMessage().startsWith("y.training: expected a training curve of version 1"), bad.getMessage());
  }

  @Test
  void decodersNpzBytesDoNotDependOnWhenTheyWereWritten() throws IOException {
    byte[] a = zip(LocalDateTime.of(2024, 5, 1, 10, 0, 2));
    byte[] b = zip(LocalDateTime.of(2025, 1, 2, 3, 4, 6));
    assertFalse(java.util.Arrays.equals(a, b));
    byte[] na = DistillTask.withoutTimestamps(a);
    assertArrayEquals(na, DistillTask.withoutTimestamps(b));
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(na))) {
      ZipEntry e = in.getNextEntry();
      assertEquals("w.npy", e.getName());
      assertArrayEquals(new byte[] {1, 2, 3}, in.readAllBytes());
      assertEquals("b.npy", in.getNextEntry().getName());
      assertArrayEquals(new byte[] {4}, in.readAllBytes());
    }
  }

  private static byte[] zip(LocalDateTime time) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (String name : List.of("w.npy", "b.npy")) {
        ZipEntry e = new ZipEntry(name);
        e.setTimeLocal(time);
        z.putNextEntry(e);
        z.write(name.startsWith("w") ? new byte[] {1, 2, 3} : new byte[] {4});
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }
}
