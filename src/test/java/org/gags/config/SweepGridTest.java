package org.gags.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The grid file: its points and their configs, every problem reported with file, line, point, key, expected and found. */
@Tag("unit")
class SweepGridTest {
  @TempDir Path dir;

  Path grid(String text) throws IOException {
    return Files.writeString(dir.resolve("grid.properties"), text);
  }

  @Test
  void pointsAreNamedLinesOfOverridesAppliedAfterTheSweepsSettings() throws IOException {
    Path f = grid("# a grid\n\nbase   # no overrides: the sweep's own config\n"
        + "  avg\tdistill.target=average   prompt.seed=3 # tabs and comments\n"
        + "grid prompt.mode=uniform-grid distill.iterations=7\n");
    SweepGrid g = SweepGrid.read(f, Preset.SAMPLE_CPU, null, List.of("distill.iterations=5", "prompt.seed=2"));
    assertEquals(List.of("base", "avg", "grid"), g.points().stream().map(GridPoint::name).toList());
    assertEquals(List.of(3, 4, 5), g.points().stream().map(GridPoint::line).toList());
    assertEquals("", g.points().get(0).overridesText());
    assertEquals("distill.target=average prompt.seed=3", g.points().get(1).overridesText());
    ResolvedConfig base = g.points().get(0).config();
    assertEquals("5", base.get("distill.iterations"));
    assertEquals("400", ResolvedConfig.resolve(Preset.SAMPLE_CPU, null, List.of()).get("distill.iterations"));
    assertEquals("2", base.get("prompt.seed"));
    assertEquals("3", g.points().get(1).config().get("prompt.seed"), "a point's override wins over --set");
    assertEquals("average", g.points().get(1).config().get("distill.target"));
    assertEquals("7", g.points().get(2).config().get("distill.iterations"));
    assertEquals("1", g.points().get(2).config().get("prompt.points_per_side_at_nearest"), "the preset holds under a point");
    assertEquals(Files.readString(f), g.text());
  }

  @Test
  void everyProblemIsReportedWithItsLineKeyExpectedAndFound() throws IOException {
    Path f = grid("""
        a distill.targt=average
        b distill.target=best
        a prompt.seed=1
        c prompt.seed
        d prompt.seed=1 prompt.seed=2
        distill.target=gad
        e/f prompt.seed=1
        g run.local_master=local[1]
        h prompt.patches_per_side=0 =5
        ok distill.target=average
        """);
    ConfigException e = assertThrows(ConfigException.class, () -> SweepGrid.read(f, Preset.GAGS, null, List.of()));
    assertEquals(List.of(
        f + ":1: point a: distill.targt: expected a configuration key (conf/gags.properties lists them; closest:"
            + " distill.target), found an unknown key",
        f + ":2: point b: distill.target: expected one of gad, average, level-s, level-m, level-l, found 'best'",
        f + ":3: point a: expected a name not used before, found the name of line 1",
        f + ":4: point c: expected key=value, found 'prompt.seed'",
        f + ":5: point d: prompt.seed: expected one value per point, found it set twice",
        f + ":6: expected a point name first, then key=value overrides, found 'distill.target=gad' where the name goes",
        f + ":7: expected a point name of at most 64 letters, digits, '.', '_' and '-', found 'e/f'",
        f + ":8: point g: run.local_master: expected a key that may differ between grid points, found one that is the"
            + " same for the whole sweep (one Spark session runs every point): set it with --set or --conf",
        f + ":9: point h: prompt.patches_per_side: expected an integer in 1..64, found '0'",
        f + ":9: point h: expected key=value, found '=5'"), e.getMessage().lines().toList());
  }

  @Test
  void anEmptyOrMissingGridIsRefused() throws IOException {
    Path f = grid("# only comments\n\n   \n");
    ConfigException empty = assertThrows(ConfigException.class, () -> SweepGrid.read(f, Preset.GAGS, null, List.of()));
    assertEquals(f + ": expected at least one grid point (a line with a name, then key=value overrides), found none",
        empty.getMessage());
    ConfigException missing = assertThrows(ConfigException.class,
        () -> SweepGrid.read(dir.resolve("nope.properties"), Preset.GAGS, null, List.of()));
    assertEquals(0, missing.getMessage().indexOf("--grid " + dir.resolve("nope.properties") + ": cannot read the grid file"),
        missing.getMessage());
    ConfigException far = assertThrows(ConfigException.class,
        () -> SweepGrid.read(grid("x quantum.flux=1\n"), Preset.GAGS, null, List.of()));
    assertEquals(f + ":1: point x: quantum.flux: expected a configuration key (conf/gags.properties lists them), found an"
        + " unknown key", far.getMessage(), "no suggestion when nothing is close");
  }

  @Test
  void theShippedPaperGridsAreTheTablesRows() {
    SweepGrid t4 = SweepGrid.read(Path.of("conf/sweeps/paper-table4.properties"), Preset.GAGS, null, List.of());
    Map<String, String[]> rows = new java.util.LinkedHashMap<>();
    rows.put("1-avg", new String[] {"uniform-grid", "average"});
    rows.put("2-gad", new String[] {"uniform-grid", "gad"});
    rows.put("3-gas-gad", new String[] {"granularity-aware", "gad"});
    rows.put("4-gas-level-s", new String[] {"granularity-aware", "level-s"});
    rows.put("5-gas-level-m", new String[] {"granularity-aware", "level-m"});
    rows.put("6-gas-level-l", new String[] {"granularity-aware", "level-l"});
    rows.put("7-gas-avg", new String[] {"granularity-aware", "average"});
    assertEquals(List.copyOf(rows.keySet()), t4.points().stream().map(GridPoint::name).toList());
    for (GridPoint p : t4.points()) {
      assertEquals(rows.get(p.name())[0], p.config().get("prompt.mode"), p.name());
      assertEquals(rows.get(p.name())[1], p.config().get("distill.target"), p.name());
    }
    // Rows 1-2 make the same prompts (GaS off), rows 3-7 theirs; the published row 3 is the default config.
    assertEquals(t4.points().get(0).config().forStage(ConfigKeys.PROMPTS), t4.points().get(1).config().forStage(ConfigKeys.PROMPTS));
    assertNotEquals(t4.points().get(1).config().forStage(ConfigKeys.PROMPTS), t4.points().get(2).config().forStage(ConfigKeys.PROMPTS));
    assertEquals(ResolvedConfig.defaults().hash(), t4.points().get(2).config().hash());

    SweepGrid t6 = SweepGrid.read(Path.of("conf/sweeps/paper-table6.properties"), Preset.GAGS, null, List.of());
    assertEquals(List.of("1-none", "2-rad", "3-rad-el", "4-rad-el-fcl"), t6.points().stream().map(GridPoint::name).toList());
    String[][] switches = {{"false", "false", "false"}, {"true", "false", "false"}, {"true", "true", "false"},
        {"true", "true", "true"}};
    for (int i = 0; i < 4; i++) {
      ResolvedConfig c = t6.points().get(i).config();
      assertEquals(List.of(switches[i]), List.of(c.get("distill.region_aware"), c.get("distill.entropy"),
          c.get("distill.consistency")), t6.points().get(i).name());
      for (String stage : List.of(ConfigKeys.PROMPTS, ConfigKeys.SEGMENT, ConfigKeys.EMBED, ConfigKeys.CONTRIBUTORS)) {
        assertEquals(ResolvedConfig.defaults().forStage(stage), c.forStage(stage), "only distill keys differ: " + stage);
      }
    }
    assertEquals(ResolvedConfig.defaults().hash(), t6.points().get(3).config().hash(), "the last row is GAGS as published");
  }
}
