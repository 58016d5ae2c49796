package org.gags.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gags.scene.GaussianCloud;
import org.gags.scene.PlyReader;
import org.gags.scene.PlyWriter;
import org.gags.synth.RandomScene;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gags bench ply}: PLY read speed and the heap it needs, against the file's size. */
@Command(
    name = "ply",
    mixinStandardHelpOptions = true,
    description = {
      "Times the PLY reader and measures its heap (default 3M Gaussians).",
      "Writes a random 3DGS PLY (SH degree 3) to a temporary folder, reads it back and reports "
          + "MB/s, the bytes the reading thread allocated, and the heap in use after the read, each "
          + "against the file's size. The 3M default fits in GAGS_JAVA_OPTS=-Xmx1g (the generated "
          + "cloud shares that heap)."
    })
final class PlyBenchCommand implements Callable<Integer> {
  @Option(names = "--gaussians", defaultValue = "3000000", description = "Gaussians (default: ${DEFAULT-VALUE}).")
  int gaussians;

  @Option(names = "--sh-degree", defaultValue = "3", description = "SH degree 0..3 (default: ${DEFAULT-VALUE}).")
  int shDegree;

  @Option(names = "--dir", description = "Folder for the temporary PLY (default: the system temp folder).")
  Path dir;

  @Override
  public Integer call() throws Exception {
    Path folder = Files.createTempDirectory(dir == null ? Path.of(System.getProperty("java.io.tmpdir")) : dir, "gags-ply-bench");
    Path file = folder.resolve("point_cloud.ply");
    try {
      PlyWriter.write(file, RandomScene.cloud(7, gaussians, shDegree, 1.0, 0.002));
      long size = Files.size(file);
      System.gc();
      long heapBefore = usedHeap();
      com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      long allocBefore = threads.getCurrentThreadAllocatedBytes();
      long t0 = System.nanoTime();
      GaussianCloud cloud = PlyReader.read(file);
      long nanos = System.nanoTime() - t0;
      long allocated = threads.getCurrentThreadAllocatedBytes() - allocBefore;
      System.gc();
      long retained = usedHeap() - heapBefore;
      System.out.printf("ply bench: %,d Gaussians, SH degree %d, file %,d bytes (%.0f MiB), max heap %d MiB%n",
          cloud.count(), cloud.shDegree(), size, size / 1048576.0, Runtime.getRuntime().maxMemory() >> 20);
      System.out.println();
      System.out.println("| read s | MB/s | allocated by reader | allocated / file | retained heap after read | retained / file |");
      System.out.println("|---|---|---|---|---|---|");
      System.out.printf("| %.2f | %.0f | %,d | %.3f | %,d | %.3f |%n", nanos / 1e9, size / 1e6 / (nanos / 1e9), allocated,
          allocated / (double) size, retained, retained / (double) size);
      return 0;
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(folder);
    }
  }

  private static long usedHeap() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
