package org.gags.spark.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.gags.testing.SparkTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The distill stage's GPU request on an embedded Spark: Spark 3.5 refuses a task resource profile
 * in {@code local[*]} (without dynamic allocation), so there {@code distill.device=cuda} trains
 * without GPU scheduling instead of failing the stage. On a cluster the tasks carry the profile
 * (deploy/README.md, "GPU scheduling"; not run here: no GPU).
 */
class DistillGpuScheduleSparkTest extends SparkTestBase {
  @BeforeAll
  static void start() {
    startSpark("distill gpu schedule", Map.of());
  }

  @Test
  void anEmbeddedSparkTrainsOnCudaWithoutAskingForAGpu() {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    SparkException refused = assertThrows(SparkException.class,
        () -> jsc.parallelize(List.of(1, 2), 2).withResources(DistillStage.gpuProfile()));
    assertTrue(refused.getMessage().contains("TaskResourceProfiles are only supported"), refused.getMessage());

    JavaRDD<Integer> tasks = jsc.parallelize(List.of(1, 2), 2);
    JavaRDD<Integer> scheduled = DistillStage.withGpus(tasks, true);
    assertSame(tasks, scheduled);
    assertNull(scheduled.getResourceProfile(), "no task resource profile in local[2]");
    assertEquals(2, scheduled.count());
    assertSame(tasks, DistillStage.withGpus(tasks, false), "the CPU asks for nothing");
  }
}
