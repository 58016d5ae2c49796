package org.gags.scene;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

@Tag("unit")
class PlyReaderErrorsTest {
  @TempDir Path dir;

  private static final int RECORD = PlyBytes.MINIMAL_NAMES.length * 4;

  @Test
  void refusesAFileThatIsNotPly() throws IOException {
    Path file = dir.resolve("photo.ply");
    Files.write(file, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    FormatErrors.expect(
        () -> PlyReader.read(file), file.toString(), "byte offset 0", "'ply'", "\\x89PNG");
    Path empty = Files.write(dir.resolve("empty.ply"), new byte[0]);
    FormatErrors.expect(() -> PlyReader.read(empty), "an empty file");
  }

  @Test
  void refusesAsciiAndBigEndian() throws IOException {
    for (String format : new String[] {"ascii 1.0", "binary_big_endian 1.0"}) {
      Path file = dir.resolve(format.substring(0, 5) + ".ply");
      Files.writeString(file, "ply\nformat " + format + "\nelement vertex 0\nend_header\n");
      FormatErrors.expect(
          () -> PlyReader.read(file),
          file.toString(),
          "header line 2",
          "only binary_little_endian is supported",
          "format " + format);
    }
  }

  @Test
  void namesAMissingRequiredProperty() throws IOException {
    for (String missing : PlyBytes.MINIMAL_NAMES) {
      PlyBytes ply =
          new PlyBytes()
              .line("ply")
              .line("format binary_little_endian 1.0")
              .line("element vertex 0");
      Arrays.stream(PlyBytes.MINIMAL_NAMES)
          .filter(n -> !n.equals(missing))
          .forEach(n -> ply.line("property float " + n));
      Path file = ply.line("end_header").write(dir.resolve("missing_" + missing + ".ply"));
      FormatErrors.expect(
          () -> PlyReader.read(file), "element vertex", "property named '" + missing + "'");
    }
  }

  @Test
  void refusesAnFRestCountThatIsNoShDegree() throws IOException {
    PlyBytes ply = PlyBytes.minimal(0);
    for (int k = 0; k < 10; k++) {
      ply.line("property float f_rest_" + k);
    }
    Path file = ply.line("end_header").write(dir.resolve("rest10.ply"));
    FormatErrors.expect(() -> PlyReader.read(file), "0, 9, 24 or 45 f_rest_*", "found 10 f_rest_*");
  }

  @Test
  void refusesGapsInFRest() throws IOException {
    PlyBytes ply = PlyBytes.minimal(0);
    for (int k = 1; k <= 9; k++) {
      ply.line("property float f_rest_" + k);
    }
    Path file = ply.line("end_header").write(dir.resolve("gap.ply"));
    FormatErrors.expect(() -> PlyReader.read(file), "f_rest_0..f_rest_8", "f_rest_0 missing");
  }

  @Test
  void refusesPartialNormalsAndDuplicateNames() throws IOException {
    Path partial =
        PlyBytes.minimal(0)
            .line("property float nx")
            .line("end_header")
            .write(dir.resolve("nx.ply"));
    FormatErrors.expect(() -> PlyReader.read(partial), "all of nx ny nz or none");
    Path twice =
        PlyBytes.minimal(0)
            .line("property float x")
            .line("end_header")
            .write(dir.resolve("twice.ply"));
    FormatErrors.expect(() -> PlyReader.read(twice), "unique property names", "'x' twice");
  }

  @Test
  void refusesListPropertiesInVertices() throws IOException {
    Path file =
        PlyBytes.minimal(0)
            .line("property list uchar float extra")
            .line("end_header")
            .write(dir.resolve("list.ply"));
    FormatErrors.expect(() -> PlyReader.read(file), "property extra", "a list property");
  }

  @Test
  void refusesUnknownPropertyTypes() throws IOException {
    Path file =
        PlyBytes.minimal(0)
            .line("property half h")
            .line("end_header")
            .write(dir.resolve("half.ply"));
    FormatErrors.expect(() -> PlyReader.read(file), "header line 18", "'half'");
  }

  @Test
  void refusesASecondElementWithData() throws IOException {
    Path file =
        PlyBytes.minimal(1)
            .line("element face 2")
            .line("property list uchar int vertex_indices")
            .line("end_header")
            .floats(14, 0)
            .write(dir.resolve("faces.ply"));
    FormatErrors.expect(() -> PlyReader.read(file), "element face", "2 face records");
  }

  @Test
  void refusesTruncatedDataNamingSizesAndTheVertex() throws IOException {
    PlyBytes ply = PlyBytes.minimal(10).line("end_header").floats(14 * 3 + 5, 0);
    Path file = ply.write(dir.resolve("truncated.ply"));
    long headerBytes = Files.size(file) - (14 * 3 + 5) * 4L;
    FormatErrors.expect(
        () -> PlyReader.read(file),
        "10 vertices × " + RECORD + " bytes = " + (headerBytes + 10L * RECORD) + " bytes",
        "a file of " + Files.size(file) + " bytes",
        "inside vertex 3 (20 of its 56 bytes)");
    Path exact =
        PlyBytes.minimal(10).line("end_header").floats(14 * 4, 0).write(dir.resolve("four.ply"));
    FormatErrors.expect(() -> PlyReader.read(exact), "the data ends before vertex 4");
  }

  @Test
  void refusesTrailingBytes() throws IOException {
    Path file =
        PlyBytes.minimal(2)
            .line("end_header")
            .floats(14 * 2 + 1, 0)
            .write(dir.resolve("trailing.ply"));
    FormatErrors.expect(
        () -> PlyReader.read(file), "4 more bytes", "header disagrees with the data");
  }

  @Test
  void refusesNonFiniteValuesNamingVertexAndProperty() throws IOException {
    PlyBytes ply = PlyBytes.minimal(3).line("end_header").floats(14 * 2 + 6, 0);
    ply.data().putFloat(Float.NaN);
    ply.floats(7, 0);
    Path file = ply.write(dir.resolve("nan.ply"));
    long at = Files.size(file) - 8L * 4;
    SceneFormatException e =
        FormatErrors.expect(
            () -> PlyReader.read(file),
            "vertex 2, property opacity",
            "byte offset " + at,
            "finite",
            "NaN");
    assertEquals(file.toString(), e.file());

    PlyBytes inf = PlyBytes.minimal(1).line("end_header").floats(3, 0);
    inf.data().putFloat(Float.POSITIVE_INFINITY);
    inf.floats(10, 0);
    Path infFile = inf.write(dir.resolve("inf.ply"));
    FormatErrors.expect(() -> PlyReader.read(infFile), "vertex 0, property f_dc_0", "Infinity");
  }

  @Test
  void refusesDoublesBeyondTheFloatRange() throws IOException {
    PlyBytes ply =
        new PlyBytes().line("ply").line("format binary_little_endian 1.0").line("element vertex 1");
    ply.line("property double x");
    Arrays.stream(PlyBytes.MINIMAL_NAMES).skip(1).forEach(n -> ply.line("property float " + n));
    ply.line("end_header").data().putDouble(1e300);
    ply.floats(13, 0);
    Path file = ply.write(dir.resolve("huge.ply"));
    FormatErrors.expect(
        () -> PlyReader.read(file), "vertex 0, property x", "outside the float range");
  }

  @Test
  void refusesAHeaderWithoutEndHeader() throws IOException {
    Path shortFile = dir.resolve("short.ply");
    Files.writeString(shortFile, "ply\nformat binary_little_endian 1.0\nelement vertex 0\n");
    FormatErrors.expect(() -> PlyReader.read(shortFile), "end_header", "end of file at byte");

    byte[] comments =
        ("ply\n" + "comment padding padding padding padding\n".repeat(2000))
            .getBytes(StandardCharsets.US_ASCII);
    Path longFile = Files.write(dir.resolve("long.ply"), comments);
    FormatErrors.expect(
        () -> PlyReader.read(longFile), "end_header", "none in the first 65536 bytes");
  }
}
