package org.gags.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fork-free local file system leaves the same modes, files and bytes as Hadoop's own. */
@Tag("unit")
class ForklessLocalFileSystemTest {
  @TempDir
  java.nio.file.Path tmp;

  @Test
  void setsEveryModeAsHadoopsChmodDoes() throws IOException {
    Configuration conf = new Configuration(false);
    RawLocalFileSystem hadoops = new RawLocalFileSystem();
    hadoops.initialize(java.net.URI.create("file:///"), conf);
    ForklessLocalFileSystem.Raw ours = new ForklessLocalFileSystem.Raw();
    ours.initialize(java.net.URI.create("file:///"), conf);
    int[] modes = {0644, 0755, 0600, 0700, 0750, 0640, 0444, 0000, 0777, 0137};
    for (int mode : modes) {
      java.nio.file.Path a = Files.createFile(tmp.resolve("hadoop-" + Integer.toOctalString(mode)));
      java.nio.file.Path b = Files.createFile(tmp.resolve("ours-" + Integer.toOctalString(mode)));
      hadoops.setPermission(new Path(a.toUri()), new FsPermission((short) mode));
      ours.setPermission(new Path(b.toUri()), new FsPermission((short) mode));
      assertEquals(Files.getPosixFilePermissions(a), Files.getPosixFilePermissions(b), "mode " + Integer.toOctalString(mode));
      assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(a)),
          PosixFilePermissions.toString(ForklessLocalFileSystem.Raw.permissions(mode)), "mode " + Integer.toOctalString(mode));
    }
  }

  @Test
  void aModeBeyondRwxGoesToHadoopsPath() throws IOException {
    ForklessLocalFileSystem.Raw ours = new ForklessLocalFileSystem.Raw();
    ours.initialize(java.net.URI.create("file:///"), new Configuration(false));
    java.nio.file.Path d = Files.createDirectory(tmp.resolve("sticky"));
    ours.setPermission(new Path(d.toUri()), new FsPermission((short) 01777));
    assertEquals(PosixFilePermissions.fromString("rwxrwxrwx"), Files.getPosixFilePermissions(d));
    assertTrue(ours.getFileStatus(new Path(d.toUri())).getPermission().getStickyBit(), "the sticky bit is kept");
  }

  @Test
  void asFileImplItWritesTheSameFilesChecksumsAndModes() throws IOException {
    Configuration plain = new Configuration(false);
    plain.setBoolean("fs.file.impl.disable.cache", true);
    Configuration forkless = new Configuration(false);
    forkless.setBoolean("fs.file.impl.disable.cache", true);
    forkless.set("fs.file.impl", ForklessLocalFileSystem.class.getName());
    FileSystem a = FileSystem.get(tmp.resolve("a").toUri(), plain);
    FileSystem b = FileSystem.get(tmp.resolve("b").toUri(), forkless);
    assertInstanceOf(ForklessLocalFileSystem.class, b);
    assertInstanceOf(LocalFileSystem.class, FileSystem.getLocal(forkless));
    for (FileSystem fs : new FileSystem[] {a, b}) {
      String root = fs == a ? "a" : "b";
      Path file = new Path(tmp.resolve(root).toUri() + "/t/scene_id=s/part-0.parquet");
      try (FSDataOutputStream out = fs.create(file)) {
        out.write("payload".getBytes(StandardCharsets.UTF_8));
      }
    }
    for (String rel : new String[] {"t", "t/scene_id=s", "t/scene_id=s/part-0.parquet", "t/scene_id=s/.part-0.parquet.crc"}) {
      java.nio.file.Path pa = tmp.resolve("a").resolve(rel);
      java.nio.file.Path pb = tmp.resolve("b").resolve(rel);
      assertTrue(Files.exists(pb), rel + " is written");
      assertEquals(Files.getPosixFilePermissions(pa), Files.getPosixFilePermissions(pb), rel);
      if (Files.isRegularFile(pa)) {
        assertArrayEquals(Files.readAllBytes(pa), Files.readAllBytes(pb), rel);
      }
    }
  }
}
