package org.gags.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Keeps the layers apart, by reading the main sources: the plain-Java core knows no engine, only
 * the distill and model packages touch the training engine, and io depends on no other gags
 * package.
 */
@Tag("unit")
class ArchitectureTest {
  static final Path MAIN = Path.of("src/main/java/org/gags");
  static final List<String> CORE = List.of("scene", "render", "prompt", "segment", "embed", "synth", "io", "util",
      "eval");
  static final List<String> ENGINES = List.of("org.apache.spark", "org.apache.hadoop", "org.apache.parquet", "ai.djl",
      "scala.");
  static final List<String> TRAINING_ENGINE = List.of("ai.djl.pytorch", "ai.djl.training", "ai.djl.engine");
  /** A fully qualified name of a package, in code (comments and strings are removed first). */
  static final Pattern NAME = Pattern.compile("\\b((?:org|ai|scala)\\.[a-z][\\w.]*)");

  @Test
  void theCoreKnowsNoEngine() throws IOException {
    List<String> found = new ArrayList<>();
    for (String pkg : CORE) {
      for (Path f : sources(MAIN.resolve(pkg))) {
        for (String name : names(f)) {
          if (ENGINES.stream().anyMatch(name::startsWith)) {
            found.add(MAIN.relativize(f) + " uses " + name);
          }
        }
      }
    }
    assertEquals(List.of(), found, "the core packages " + CORE + " must not use " + ENGINES);
  }

  @Test
  void onlyDistillAndModelTouchTheTrainingEngine() throws IOException {
    List<String> found = new ArrayList<>();
    for (Path f : sources(MAIN)) {
      String pkg = MAIN.relativize(f).getName(0).toString();
      if (pkg.equals("distill") || pkg.equals("model")) {
        continue;
      }
      for (String name : names(f)) {
        if (TRAINING_ENGINE.stream().anyMatch(name::startsWith)) {
          found.add(MAIN.relativize(f) + " uses " + name);
        }
      }
    }
    assertEquals(List.of(), found, "only org.gags.distill and org.gags.model may use " + TRAINING_ENGINE);
  }

  @Test
  void ioDependsOnNoOtherGagsPackage() throws IOException {
    List<String> found = new ArrayList<>();
    for (Path f : sources(MAIN.resolve("io"))) {
      for (String name : names(f)) {
        if (name.startsWith("org.gags.") && !name.startsWith("org.gags.io")) {
          found.add(MAIN.relativize(f) + " uses " + name);
        }
      }
    }
    assertEquals(List.of(), found);
  }

  @Test
  void theCheckSeesAViolation() {
    String code = "package org.gags.scene;\n// org.apache.spark in a comment\nimport org.apache.spark.sql.Row;\n"
        + "class X { String s = \"ai.djl.Model\"; Object o = new ai.djl.ndarray.NDList(); }\n";
    assertEquals(List.of("org.apache.spark.sql.Row", "ai.djl.ndarray.NDList"), namesIn(code));
  }

  /** The sources of a package folder; a missing or empty one fails, so a moved tree cannot pass unseen. */
  static List<Path> sources(Path dir) throws IOException {
    org.junit.jupiter.api.Assertions.assertTrue(Files.isDirectory(dir), "expected sources under " + dir.toAbsolutePath());
    try (Stream<Path> s = Files.walk(dir)) {
      List<Path> files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
      org.junit.jupiter.api.Assertions.assertTrue(!files.isEmpty(), "expected .java files under " + dir);
      return files;
    }
  }

  static List<String> names(Path f) throws IOException {
    return namesIn(Files.readString(f, StandardCharsets.UTF_8));
  }

  /** Package-qualified names in code, with comments, strings and the package line left out. */
  static List<String> namesIn(String code) {
    String stripped = code.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ")
        .replaceAll("\"(?:\\\\.|[^\"\\\\])*\"", "\"\"").replaceAll("(?m)^package [^;]+;", " ");
    List<String> out = new ArrayList<>();
    Matcher m = NAME.matcher(stripped);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
