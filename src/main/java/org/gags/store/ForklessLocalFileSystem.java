package org.gags.store;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's checksummed local file system ({@code file://}), with one change: permissions are set
 * through {@code java.nio} instead of a forked {@code chmod}. Without Hadoop's native library
 * (which Maven Central does not carry), {@link RawLocalFileSystem#setPermission} starts a {@code
 * chmod} process for every directory and file it creates, Parquet parts, their {@code .crc} files
 * and commit markers alike: about 56 processes per scene through scan→prompts, at 6.3 ms each
 * (measured in {@code docs/benchmarks.md}, "Scenes processed together"). The modes set are the
 * same; the files and their bytes are the same. A mode with bits beyond rwx (setuid, sticky), or
 * a platform without POSIX permissions, goes to Hadoop's own path.
 *
 * <p>Installed as {@code fs.file.impl} by {@code SparkSessions} unless the user sets that key.
 */
public final class ForklessLocalFileSystem extends LocalFileSystem {
  public ForklessLocalFileSystem() {
    super(new Raw());
  }

  /** The raw local file system under the checksums, setting modes without a process. */
  static final class Raw extends RawLocalFileSystem {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final PosixFilePermission[] BITS = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};

    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      int mode = permission.toShort();
      if (!POSIX || (mode & ~0777) != 0) {
        super.setPermission(p, permission);
        return;
      }
      Files.setPosixFilePermissions(pathToFile(p).toPath(), permissions(mode));
    }

    /** The POSIX permission set of an octal mode's low nine bits. */
    static Set<PosixFilePermission> permissions(int mode) {
      Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
      for (int bit = 0; bit < BITS.length; bit++) {
        if ((mode & (1 << bit)) != 0) {
          out.add(BITS[bit]);
        }
      }
      return out;
    }
  }
}
