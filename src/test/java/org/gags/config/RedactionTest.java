package org.gags.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class RedactionTest {
  static final Redaction R = Redaction.standard();

  @Test
  void aValueIsRedactedWhenItsKeyOrTheValueItselfMatchesAsInSpark() {
    assertEquals(Redaction.REPLACEMENT, R.value("spark.hadoop.fs.s3a.secret.key", "abc"));
    assertEquals(Redaction.REPLACEMENT, R.value("fs.s3a.access.key", "AKIA1"));
    assertEquals(Redaction.REPLACEMENT, R.value("spark.executorEnv.DB_PASSWORD", "x"));
    assertEquals(Redaction.REPLACEMENT, R.value("spark.authenticate.TOKEN", "x"));
    assertEquals(Redaction.REPLACEMENT, R.value("spark.driver.extraJavaOptions", "-Dmy.password=x"));
    assertEquals("http://127.0.0.1:9000", R.value("fs.s3a.endpoint", "http://127.0.0.1:9000"));
    assertEquals("fs.s3a.accesskey", R.value("k", "fs.s3a.accesskey"), "access[.]key needs the dot, as Spark's");
    assertEquals(Redaction.REPLACEMENT, R.value("model.clip.image", "s3a://AK:SK@bucket/clip.onnx"),
        "a URI with credentials");
    assertEquals("s3a://bucket/clip.onnx", R.value("model.clip.image", "s3a://bucket/clip.onnx"));
  }

  @Test
  void aUserRegexAddsToTheDefaultAndCannotWeakenIt() {
    Redaction custom = Redaction.of(Map.of(Redaction.REGEX_KEY, "(?i)endpoint"));
    assertTrue(custom.isSecret("fs.s3a.endpoint", "http://x"));
    assertTrue(custom.isSecret("fs.s3a.secret.key", "x"));
    assertTrue(Redaction.of(Map.of(Redaction.REGEX_KEY, "nothing-matches-this")).isSecret("fs.s3a.secret.key", "x"));
  }

  @Test
  void entriesAndFreeTextLoseTheirSecrets() {
    assertEquals("fs.s3a.secret.key=" + Redaction.REPLACEMENT, R.entry("fs.s3a.secret.key=Zq81"));
    assertEquals(List.of("prompt.seed=7", "fs.s3a.secret.key=" + Redaction.REPLACEMENT),
        R.entries(List.of("prompt.seed=7", "fs.s3a.secret.key=Zq81")));
    assertEquals(Redaction.REPLACEMENT, R.entry("fs.s3a.secret.key: Zq81"), "a properties line with ':'");
    String picocli = "Unknown options: '-Dspark.hadoop.fs.s3a.secret.key=Zq81', 'prompt.seed=7'";
    String shown = R.text(picocli);
    assertFalse(shown.contains("Zq81"), shown);
    assertTrue(shown.contains("prompt.seed=7"), shown);
    assertTrue(shown.contains("-Dspark.hadoop.fs.s3a.secret.key=" + Redaction.REPLACEMENT), shown);
  }

  @Test
  void rememberedSecretsAreScrubbedWhereverTheyAppear() {
    String secret = "Remembered" + System.nanoTime();
    assertTrue(R.text("failed: " + secret + " was refused").contains(secret), "not known yet");
    R.remember(Map.of("spark.hadoop.fs.s3a.secret.key", secret, "spark.app.name", "shown-app"));
    assertEquals("failed: " + Redaction.REPLACEMENT + " was refused", R.text("failed: " + secret + " was refused"));
    assertEquals("shown-app", R.text("shown-app"), "only secrets are remembered");
    String property = "spark.hadoop.fs.s3a.bucket.b.secret.key";
    System.setProperty(property, "FromTheJvm" + System.nanoTime());
    try {
      assertFalse(R.text("x " + System.getProperty(property)).contains("FromTheJvm"), "a secret spark.* system property");
    } finally {
      System.clearProperty(property);
    }
  }

  @Test
  void noGagsKeyIsASecretSoItsValueMayBeWrittenInClear() {
    for (ConfigKey k : ConfigKeys.ALL) {
      assertFalse(R.isSecret(k.name(), null), k.name() + " looks like a secret: it would be written in clear to "
          + "config.properties, stage hashes and commit markers");
    }
  }
}
