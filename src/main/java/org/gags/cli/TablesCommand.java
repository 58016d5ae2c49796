package org.gags.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gags.io.AtomicFiles;
import org.gags.store.Tables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gags tables}: the documentation of every output table, generated from the code. */
@Command(
    name = "tables",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the documentation of every output table (Markdown), as docs/tables.md holds it.",
      "With --out, writes it to a file instead."
    })
final class TablesCommand implements Callable<Integer> {
  @Option(names = "--out", description = "File to write (for example docs/tables.md).")
  Path out;

  @Override
  public Integer call() {
    String md = Tables.markdown();
    if (out == null) {
      System.out.print(md);
    } else {
      AtomicFiles.writeString(out, md);
      System.out.println("wrote " + out);
    }
    return 0;
  }
}
