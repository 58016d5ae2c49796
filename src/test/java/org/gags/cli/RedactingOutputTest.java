package org.gags.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.gags.config.Redaction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class RedactingOutputTest {
  @Test
  void linesLoseTheirSecretsAndEverythingElsePassesByteForByte() throws IOException {
    String secret = "Ünïcode-" + System.nanoTime();
    Redaction.standard().remember(Map.of("spark.hadoop.fs.s3a.secret.key", secret));
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(new RedactingOutput(sink), true, StandardCharsets.UTF_8);
    out.println("12:00 WARN S3A: retrying with " + secret + " for bucket b");
    out.print("--set fs.s3a.secret.key=Zq9 ");
    out.println("--set prompt.seed=7 ünchanged");
    out.flush();
    assertEquals("12:00 WARN S3A: retrying with " + Redaction.REPLACEMENT + " for bucket b\n"
        + "--set fs.s3a.secret.key=" + Redaction.REPLACEMENT + " --set prompt.seed=7 ünchanged\n",
        sink.toString(StandardCharsets.UTF_8));

    sink.reset();
    byte[] binary = {(byte) 0xff, (byte) 0xfe, 0, 10, (byte) 0x80, 65};
    RedactingOutput raw = new RedactingOutput(sink);
    raw.write(binary, 0, binary.length);
    raw.flush();
    assertArrayEquals(binary, sink.toByteArray());
  }
}
