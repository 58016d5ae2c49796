package org.gags.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** docs/tables.md is the code's table definitions, word for word. */
@Tag("unit")
class TablesDocTest {
  @Test
  void docsTablesMdEqualsTheSchemasInCode() throws IOException {
    String doc = Files.readString(Path.of("docs/tables.md"));
    assertEquals(Tables.markdown(), doc, "docs/tables.md is out of date: regenerate it with `jobs/gags tables --out docs/tables.md`");
  }

  @Test
  void everyColumnIsDocumentedAndNamesAreUnique() {
    for (TableDef t : Tables.ALL) {
      java.util.Set<String> names = new java.util.HashSet<>();
      for (Column c : t.columns()) {
        assertTrue(names.add(c.name()), t.name() + "." + c.name() + " appears twice");
        assertTrue(c.description().length() > 10, t.name() + "." + c.name() + " needs a description");
        assertTrue(!c.name().equals(t.partitionColumn()), t.name() + ": the partition column is not a data column");
      }
      assertEquals(t.columns().size(), t.schema().fields().length);
    }
  }
}
