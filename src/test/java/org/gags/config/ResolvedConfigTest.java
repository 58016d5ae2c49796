package org.gags.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

@Tag("unit")
class ResolvedConfigTest {
  @TempDir Path dir;

  @Test
  void layersApplyInOrderPresetThenFileThenSets() throws IOException {
    Path f = dir.resolve("sweep.properties");
    Files.writeString(f, "# a sweep\nprompt.seed = 7\nprompt.density=paper-text\n");
    ResolvedConfig c = ResolvedConfig.resolve(Preset.LANGSPLAT_GRID, f, List.of("prompt.seed=9"));
    assertEquals("uniform-grid", c.get("prompt.mode"));
    assertEquals("paper-text", c.get("prompt.density"));
    assertEquals(9, c.getLong("prompt.seed"));
    assertEquals("0.25", c.get("min_depth.visibility_tolerance"));
  }

  @Test
  void badInputNamesTheSourceTheKeyAndWhatWasExpected() throws IOException {
    ConfigException unknown = assertThrows(ConfigException.class,
        () -> ResolvedConfig.resolve(Preset.GAGS, null, List.of("prompt.sede=1")));
    assertTrue(unknown.getMessage().contains("--set prompt.sede=1: unknown key prompt.sede"), unknown.getMessage());

    Path f = dir.resolve("bad.properties");
    Files.writeString(f, "prompt.mode = uniform-grid\nprompt.patches_per_side = many\n");
    ConfigException bad = assertThrows(ConfigException.class, () -> ResolvedConfig.resolve(Preset.GAGS, f, List.of()));
    assertTrue(bad.getMessage().contains(f + ": prompt.patches_per_side: expected an integer in 1..64, found 'many'"),
        bad.getMessage());

    Files.writeString(f, "prompt.mode\n");
    ConfigException line = assertThrows(ConfigException.class, () -> ResolvedConfig.resolve(Preset.GAGS, f, List.of()));
    assertTrue(line.getMessage().contains(f + ":1: expected key = value"), line.getMessage());

    assertThrows(ConfigException.class, () -> Preset.byId("fastest"));
    assertThrows(ConfigException.class, () -> ResolvedConfig.resolve(Preset.GAGS, dir.resolve("missing"), List.of()));
  }

  @Test
  void stageValuesOnlyHoldTheKeysThatChangeThatStage() {
    ResolvedConfig a = ResolvedConfig.defaults();
    ResolvedConfig b = ResolvedConfig.resolve(Preset.GAGS, null, List.of("prompt.seed=1", "depth.views_per_task=9"));
    assertEquals(a.forStage(ConfigKeys.DEPTH), b.forStage(ConfigKeys.DEPTH));
    assertEquals(a.forStage(ConfigKeys.MIN_DEPTH), b.forStage(ConfigKeys.MIN_DEPTH));
    assertNotEquals(a.forStage(ConfigKeys.PROMPTS), b.forStage(ConfigKeys.PROMPTS));
    assertNotEquals(a.hash(), b.hash());
  }

  @Test
  void confGagsPropertiesListsEveryKeyWithItsDefault() throws IOException {
    assertEquals(ConfigDocs.propertiesFile(), Files.readString(Path.of("conf/gags.properties")),
        "conf/gags.properties is out of date: regenerate it from ConfigDocs.propertiesFile()");
    ResolvedConfig fromFile = ResolvedConfig.resolve(Preset.GAGS, Path.of("conf/gags.properties"), List.of());
    assertEquals(ResolvedConfig.defaults().values(), fromFile.values());
  }

  @Test
  void sparkAndHadoopSettingsGoToTheSessionAndIntoNoHashNorTheResolvedFile() throws IOException {
    Path f = dir.resolve("s3.properties");
    Files.writeString(f, "prompt.seed = 7\nspark.sql.shuffle.partitions = 3\nfs.s3a.secret.key = Zs3cr\n"
        + "fs.s3a.endpoint = http://a\n");
    ResolvedConfig c = ResolvedConfig.resolve(Preset.GAGS, f, List.of("fs.s3a.endpoint=http://b",
        "spark.hadoop.fs.s3a.access.key=AK"));
    assertEquals(java.util.Map.of("spark.sql.shuffle.partitions", "3", "spark.hadoop.fs.s3a.secret.key", "Zs3cr",
        "spark.hadoop.fs.s3a.endpoint", "http://b", "spark.hadoop.fs.s3a.access.key", "AK"), c.sparkSettings().values());
    assertEquals(Redaction.REPLACEMENT, c.sparkSettings().redacted().get("spark.hadoop.fs.s3a.secret.key"));
    ResolvedConfig plain = ResolvedConfig.resolve(Preset.GAGS, null, List.of("prompt.seed=7"));
    assertEquals(plain.values(), c.values());
    assertEquals(plain.hash(), c.hash());
    assertEquals(plain.toProperties(), c.toProperties());
    for (ConfigKey k : ConfigKeys.ALL) {
      if (k.stage() != null) {
        assertEquals(plain.forStage(k.stage()), c.forStage(k.stage()), k.stage());
      }
    }
    assertTrue(ResolvedConfig.defaults().sparkSettings().isEmpty());
  }

  @Test
  void refusalsNextToASecretNeverShowIt() throws IOException {
    String[][] cases = {
      {"fs.s3a.secret.key=Zs3cr", "prompt.seed=seven"},
      {"model.clip.image=s3a://AK:Zs3cr@bucket/image.onnx"},
      {"fs.s3a.secret.key=Zs3cr", "unknown.secret=Zs3cr"},
    };
    for (String[] sets : cases) {
      ConfigException e = assertThrows(ConfigException.class, () -> ResolvedConfig.resolve(Preset.GAGS, null, List.of(sets)));
      assertTrue(!e.getMessage().contains("Zs3cr") && e.getMessage().contains(sets[sets.length - 1].split("=")[0]),
          e.getMessage());
    }
    Path f = dir.resolve("colon.properties");
    Files.writeString(f, "fs.s3a.secret.key: Zs3cr\n");
    ConfigException line = assertThrows(ConfigException.class, () -> ResolvedConfig.resolve(Preset.GAGS, f, List.of()));
    assertTrue(line.getMessage().contains(f + ":1: expected key = value") && !line.getMessage().contains("Zs3cr"),
        line.getMessage());
    for (List<String> entries : List.of(List.of("Zs3cr"), List.of("fs.s3a.secret.key=Zs3cr"), List.of("=Zs3cr"))) {
      ConfigException e = assertThrows(ConfigException.class, () -> SparkSettings.parse(entries, "--spark-conf"));
      assertTrue(e.getMessage().startsWith("--spark-conf") && !e.getMessage().contains("Zs3cr"), e.getMessage());
    }
  }
}
