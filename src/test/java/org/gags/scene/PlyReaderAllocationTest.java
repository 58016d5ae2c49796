package org.gags.scene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/**
 * The reader streams: its heap use is the cloud's arrays plus a small constant, not a copy of the
 * file.
 */
@Tag("unit")
class PlyReaderAllocationTest {
  @TempDir Path dir;

  @Test
  void allocatesLittleMoreThanTheFileSize() throws Exception {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assumeTrue(
        threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
    Path file = dir.resolve("point_cloud.ply");
    PlyWriter.write(file, TestClouds.random(42, 200_000, 3, true, 0));
    long fileSize = Files.size(file);
    assertTrue(
        fileSize > 49_000_000L,
        "fixture is the size of a real SH-degree-3 scene slice: " + fileSize);

    PlyReader.read(file); // warm up class loading, so that only the read itself is measured
    long thread = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(thread);
    GaussianCloud cloud = PlyReader.read(file);
    long allocated = threads.getThreadAllocatedBytes(thread) - before;

    assertEquals(200_000, cloud.count());
    assertEquals(3, cloud.shDegree());
    long limit = (long) (1.05 * fileSize) + 4L * 1024 * 1024;
    assertTrue(
        allocated <= limit,
        "allocated " + allocated + " bytes reading a " + fileSize + "-byte file; limit " + limit);
  }
}
