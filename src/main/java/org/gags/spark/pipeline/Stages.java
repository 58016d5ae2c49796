package org.gags.spark.pipeline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one list of stages, in dependency order. Help texts, error messages, {@code --stages}
 * checks, the demo and the benchmarks all read it, so adding a stage is one edit here.
 */
public final class Stages {
  private static final List<Stage> ALL = List.of(new ScanStage(), new DepthStage(), new MinDepthStage(),
      new PromptsStage(), new SegmentStage(), new EmbedStage(), new ContributorsStage(), new DistillStage(), new EvalStage());

  private Stages() {}

  /** Every stage, in dependency order (each after its upstream stages). */
  public static List<Stage> all() {
    return ALL;
  }

  public static List<String> names() {
    return ALL.stream().map(Stage::name).toList();
  }

  /** The stages that need no model (scan and the geometry stages). */
  public static List<String> withoutModels() {
    List<String> out = new ArrayList<>();
    for (Stage s : ALL) {
      if (s.models().isEmpty() && out.containsAll(s.upstream())) {
        out.add(s.name());
      }
    }
    return out;
  }

  public static Stage byName(String name) {
    for (Stage s : ALL) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown stage " + name + " (stages: " + String.join(", ", names()) + ")");
  }

  /** Stage names as the help texts list them: {@code scan, depth, ...}. */
  public static String describe() {
    return String.join(", ", names());
  }

  /**
   * The stages named by a {@code --stages} value, in the order given.
   *
   * @throws IllegalArgumentException naming the unknown stage and the known ones
   */
  public static Set<String> parse(Collection<String> requested) {
    Set<String> out = new LinkedHashSet<>();
    for (String r : requested) {
      String name = r.trim();
      if (!names().contains(name)) {
        throw new IllegalArgumentException("--stages: unknown stage " + (name.isEmpty() ? "''" : name) + " (stages: "
            + describe() + ")");
      }
      out.add(name);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("--stages: no stage given (stages: " + describe() + ")");
    }
    return out;
  }

  /** The stages {@code requested} need, with every upstream stage, in dependency order. */
  public static List<Stage> closure(Set<String> requested) {
    Set<String> needed = new LinkedHashSet<>(requested);
    for (int i = ALL.size() - 1; i >= 0; i--) {
      if (needed.contains(ALL.get(i).name())) {
        needed.addAll(ALL.get(i).upstream());
      }
    }
    return ALL.stream().filter(s -> needed.contains(s.name())).toList();
  }

  /** Stage name to stage. */
  static Map<String, Stage> byNameMap() {
    Map<String, Stage> m = new LinkedHashMap<>();
    ALL.forEach(s -> m.put(s.name(), s));
    return m;
  }
}
