package org.gags.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.gags.cli.GagsCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** {@code gags bench nms} runs on a small set, and its fast and reference results agree. */
@Tag("unit")
class NmsBenchSmokeTest {
  @Test
  void benchRunsAndChecksTheReference() {
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      code = GagsCommand.execute("bench", "nms", "--masks", "60", "--width", "96", "--height", "72", "--warmup", "0",
          "--repeats", "1", "--threads", "2", "--reference", "--reference-masks", "40");
    } finally {
      System.setOut(old);
    }
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, text);
    assertTrue(text.contains("| 60 | 2 |"), text);
    assertTrue(text.contains("| yes |"), text);
  }
}
