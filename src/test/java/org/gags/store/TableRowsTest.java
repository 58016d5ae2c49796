package org.gags.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gags.store.rows.DepthRow;
import org.gags.store.rows.EmbeddingRow;
import org.gags.store.rows.FailureRow;
import org.gags.store.rows.GaussianMinDepthRow;
import org.gags.store.rows.MinDepthRow;
import org.gags.store.rows.PromptsRow;
import org.gags.store.rows.SceneRow;
import org.gags.store.rows.SegmentRow;
import org.gags.store.rows.ViewRow;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every table has a typed row record whose components are its columns, in order. */
@Tag("unit")
class TableRowsTest {
  static final Map<TableDef, Class<? extends Record>> ROWS = new LinkedHashMap<>();

  static {
    ROWS.put(Tables.SCENES, SceneRow.class);
    ROWS.put(Tables.VIEWS, ViewRow.class);
    ROWS.put(Tables.DEPTH, DepthRow.class);
    ROWS.put(Tables.GAUSSIAN_MIN_DEPTH, GaussianMinDepthRow.class);
    ROWS.put(Tables.MIN_DEPTH, MinDepthRow.class);
    ROWS.put(Tables.PROMPTS, PromptsRow.class);
    ROWS.put(Tables.SEGMENTS, SegmentRow.class);
    ROWS.put(Tables.EMBEDDINGS, EmbeddingRow.class);
    ROWS.put(Tables.CONTRIBUTORS, org.gags.store.rows.ContributorsRow.class);
    ROWS.put(Tables.FIELD, org.gags.store.rows.FieldRow.class);
    ROWS.put(Tables.DECODERS, org.gags.store.rows.DecodersRow.class);
    ROWS.put(Tables.TRAINING, org.gags.store.rows.TrainingRow.class);
    ROWS.put(Tables.RESULTS, org.gags.store.rows.ResultRow.class);
    ROWS.put(Tables.METRICS, org.gags.store.rows.MetricsRow.class);
    ROWS.put(Tables.FAILURES, FailureRow.class);
    ROWS.put(Tables.SWEEP_METRICS, org.gags.store.rows.SweepMetricsRow.class);
  }

  @Test
  void everyTableHasARowRecord() {
    assertEquals(Tables.ALL.stream().map(TableDef::name).toList(), ROWS.keySet().stream().map(TableDef::name).toList());
  }

  @Test
  void recordComponentsAreTheColumnsInOrder() {
    ROWS.forEach((table, type) -> {
      List<String> components = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
          .map(TableRowsTest::snake).toList();
      assertEquals(table.columns().stream().map(Column::name).toList(), components, table.name());
    });
  }

  static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }
}
