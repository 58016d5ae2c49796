package org.gags.scene;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.gags.io.ImageFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded fuzz of every reader of scene files: random truncations, extensions and byte flips of
 * real files made by the project's writers (PLY, COLMAP binary and text, LERF-OVS labels, PNG and
 * JPEG photos; plus the real LERF-OVS label file kept under test resources).
 *
 * <p>Every case must end in one of two ways: the reader's {@link SceneFormatException} naming the
 * file it read, or success. Binary formats (PLY, COLMAP binary, PNG, JPEG) declare their sizes, so
 * any truncation or extension must be refused. The text formats (COLMAP text, JSON) declare none,
 * so success on a truncated or extended file is allowed only where white space alone was cut from
 * or added to its end, and what was read must then equal the original's. Flips may succeed (they
 * change values, not sizes).
 */
@Tag("unit")
class ReaderFuzzTest {
  /** Fixed, so that every run tries the same cases; {@code -Dgags.fuzz.seed=N -Dgags.fuzz.cases=M} fuzzes further. */
  private static final long SEED = Long.getLong("gags.fuzz.seed", 20240611L);
  private static final int CASES_PER_MUTATION = Integer.getInteger("gags.fuzz.cases", 150);

  @TempDir static Path dir;

  /** A reader under test: reads {@code file}, whose bytes are {@code bytes}, and returns what it read. */
  private interface Reader {
    Object read(Path file, byte[] bytes) throws Exception;
  }

  /** A reader of bytes in memory: the mutated file need not be written. */
  private interface BytesReader extends Reader {}

  /**
   * One file to mutate and the reader that reads it.
   *
   * @param sizeDeclared whether the format declares the file's size (binary formats)
   * @param named the files an error may name (a COLMAP model is two files)
   */
  private record Target(String name, Path file, byte[] original, boolean sizeDeclared, Reader reader, Set<String> named) {}

  private enum Mutation {
    TRUNCATE,
    EXTEND,
    FLIP
  }

  private static final List<Target> TARGETS = new ArrayList<>();

  @BeforeAll
  static void writeRealFiles() throws Exception {
    Path ply = dir.resolve("ply/point_cloud.ply");
    PlyWriter.write(ply, TestClouds.random(3, 24, 1, true, 2));
    TARGETS.add(target("PLY read", ply, true, (f, b) -> PlyReader.read(f)));
    TARGETS.add(target("PLY check (scan)", ply, true, (f, b) -> PlyReader.check(f)));

    for (boolean binary : new boolean[] {true, false}) {
      Path sparse = dir.resolve(binary ? "bin/sparse/0" : "txt/sparse/0");
      if (binary) {
        ColmapWriter.writeBinary(sparse, TestScenes.model());
      } else {
        ColmapWriter.writeText(sparse, TestScenes.model());
      }
      ColmapFiles files = ColmapFiles.locate(sparse);
      Set<String> both = Set.of(files.cameras().toString(), files.images().toString());
      for (Path file : List.of(files.cameras(), files.images())) {
        TARGETS.add(new Target("COLMAP " + file.getFileName(), file, Files.readAllBytes(file), binary,
            (f, b) -> ColmapReader.read(sparse), both));
      }
    }

    Path label = dir.resolve("label/frame_00002.json");
    LabelWriter.write(label, new LabelFile("frame_00002.png", 8, 6, List.of(
        new LabelObject("cup", new double[][] {{1, 1}, {4, 1}, {4, 3}}, new double[] {1, 1, 4, 3}),
        new LabelObject("cup handle", new double[][] {{5, 1}, {7, 2}, {6, 4}, {5, 3}}, new double[] {5, 1, 7, 4}))));
    TARGETS.add(target("label JSON (LabelWriter)", label, false, (f, b) -> LabelReader.read(f)));
    Path real = dir.resolve("label/frame_00089.json");
    Files.copy(LabelReaderTest.resource("frame_00089.json"), real);
    TARGETS.add(target("label JSON (LERF-OVS frame_00089)", real, false, (f, b) -> LabelReader.read(f)));

    BufferedImage photo = photo(48, 32);
    Path png = dir.resolve("images/frame_00001.png");
    ImageFiles.writePng(png, photo);
    Path jpg = dir.resolve("images/frame_00002.jpg");
    ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
    assertTrue(ImageIO.write(photo, "jpeg", jpeg));
    Files.write(jpg, jpeg.toByteArray());
    for (Path image : List.of(png, jpg)) {
      String kind = image.toString().endsWith(".png") ? "PNG" : "JPEG";
      TARGETS.add(target(kind + " header (scan)", image, true, (f, b) -> ImageHeader.read(f)));
      TARGETS.add(target(kind + " decode (segment stage)", image, true,
          (BytesReader) (f, b) -> RgbImage.decode(f.toString(), b, 48, 32)));
      TARGETS.add(target(kind + " decode (any size)", image, true, (BytesReader) (f, b) -> RgbImage.decode(f.toString(), b)));
    }
  }

  private static Target target(String name, Path file, boolean sizeDeclared, Reader reader) throws IOException {
    return new Target(name, file, Files.readAllBytes(file), sizeDeclared, reader, Set.of(file.toString()));
  }

  /** A photo with edges and noise, so that its compressed data is not trivial. */
  private static BufferedImage photo(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    SplittableRandom random = new SplittableRandom(SEED);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int r = x < width / 2 ? 200 : 40;
        int g = (y * 255) / height;
        image.setRGB(x, y, (r << 16) | (g << 8) | random.nextInt(256));
      }
    }
    return image;
  }

  @Test
  void everyReaderRefusesDamagedFilesWithItsFormatErrorAndNeverAcceptsAWrongSize() throws Exception {
    SplittableRandom random = new SplittableRandom(SEED);
    List<String> problems = new ArrayList<>();
    StringBuilder lines = new StringBuilder();
    int total = 0;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long t0 = System.nanoTime();
    long cpu0 = threads.getCurrentThreadCpuTime();
    for (Target t : TARGETS) {
      Object expected = t.reader().read(t.file(), t.original());
      long started = threads.getCurrentThreadCpuTime();
      int refused = 0;
      // One channel rewritten in place: creating the file anew for each case costs far more than reading it.
      try (FileChannel out = FileChannel.open(t.file(), StandardOpenOption.WRITE)) {
        for (Mutation m : Mutation.values()) {
          for (int i = 0; i < CASES_PER_MUTATION; i++) {
            byte[] bytes = mutate(t.original(), m, random);
            if (!(t.reader() instanceof BytesReader)) {
              out.truncate(0);
              out.write(ByteBuffer.wrap(bytes), 0);
            }
            String what = t.name() + ", " + m + " case " + i + " (" + t.original().length + " -> " + bytes.length + " bytes)";
            String problem = oneCase(t, bytes, expected);
            refused += problem == REFUSED ? 1 : 0;
            if (problem != null && problem != REFUSED) {
              problems.add(what + ": " + problem);
            }
          }
        }
      }
      Files.write(t.file(), t.original());
      int cases = Mutation.values().length * CASES_PER_MUTATION;
      total += cases;
      lines.append(String.format("  %-36s %5d cases, %5d refused, %5d accepted, %5d ms CPU%n", t.name(), cases, refused,
          cases - refused, (threads.getCurrentThreadCpuTime() - started) / 1_000_000));
    }
    System.out.printf("reader fuzz: %d cases in %.1f s (%.1f s of CPU; seed %d)%n%s", total, (System.nanoTime() - t0) / 1e9,
        (threads.getCurrentThreadCpuTime() - cpu0) / 1e9, SEED, lines);
    assertTrue(problems.isEmpty(), problems.size() + " problems in " + total + " cases, the first of each kind:\n"
        + String.join("\n", firstOfEachKind(problems)));
  }

  private static final String REFUSED = "refused";

  /** {@link #REFUSED}, null when the reader rightly accepted the bytes, else what went wrong. */
  private static String oneCase(Target t, byte[] bytes, Object expected) {
    Object got;
    try {
      got = t.reader().read(t.file(), bytes);
    } catch (SceneFormatException e) {
      boolean named = t.named().contains(e.file()) && e.getMessage().startsWith(e.file() + ": ");
      return named ? REFUSED : "the error does not name the file read: " + e.getMessage();
    } catch (Throwable e) {
      return "threw " + e;
    }
    if (bytes.length == t.original().length) {
      return null;
    }
    if (t.sizeDeclared()) {
      return "accepted, but the format declares the original size";
    }
    if (!onlyTrailingWhiteSpaceDiffers(t.original(), bytes)) {
      return "accepted, but more than white space at its end was cut or added";
    }
    return Objects.equals(expected, got) ? null : "accepted with content other than the original's";
  }

  /**
   * A truncation (anywhere, or in the first 256 bytes, where the headers are, half the time), an
   * extension by 1..64 random bytes, or 1..4 bytes replaced by other values (in the first 512 bytes
   * half the time).
   */
  private static byte[] mutate(byte[] original, Mutation m, SplittableRandom random) {
    int n = original.length;
    switch (m) {
      case TRUNCATE:
        return Arrays.copyOf(original, random.nextBoolean() ? random.nextInt(n) : random.nextInt(Math.min(n, 256)));
      case EXTEND: {
        byte[] out = Arrays.copyOf(original, n + 1 + random.nextInt(64));
        for (int i = n; i < out.length; i++) {
          out[i] = (byte) random.nextInt(256);
        }
        return out;
      }
      default: {
        byte[] out = original.clone();
        int flips = 1 + random.nextInt(4);
        for (int k = 0; k < flips; k++) {
          int at = random.nextBoolean() ? random.nextInt(n) : random.nextInt(Math.min(n, 512));
          out[at] = (byte) (out[at] ^ (1 + random.nextInt(255)));
        }
        return out;
      }
    }
  }

  /** Per reader and kind of problem (the text after the case number, up to its first digit): how many, and the first. */
  private static List<String> firstOfEachKind(List<String> problems) {
    Map<String, String> first = new LinkedHashMap<>();
    Map<String, Integer> count = new LinkedHashMap<>();
    for (String p : problems) {
      String reader = p.substring(0, p.indexOf(','));
      String kind = reader + " / " + p.substring(p.indexOf("): ") + 3).replaceAll("[0-9].*", "");
      first.putIfAbsent(kind, p);
      count.merge(kind, 1, Integer::sum);
    }
    return first.entrySet().stream().map(e -> count.get(e.getKey()) + " like: " + e.getValue()).toList();
  }

  /** Whether the longer of the two is the shorter followed by white space only. */
  private static boolean onlyTrailingWhiteSpaceDiffers(byte[] a, byte[] b) {
    byte[] shorter = a.length <= b.length ? a : b;
    byte[] longer = a.length <= b.length ? b : a;
    if (!Arrays.equals(shorter, 0, shorter.length, longer, 0, shorter.length)) {
      return false;
    }
    for (int i = shorter.length; i < longer.length; i++) {
      if (" \t\r\n".indexOf(longer[i]) < 0) {
        return false;
      }
    }
    return true;
  }
}
