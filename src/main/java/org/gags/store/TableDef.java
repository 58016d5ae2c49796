package org.gags.store;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A table's contract: name, schema version, the partition column its folders are named by, and
 * its documented columns (the data files hold these; the partition column comes from the folder
 * name {@code <partition>=<value>}, as Spark, pyarrow and DuckDB read hive-style layouts), and the
 * Parquet compression its files use.
 */
public record TableDef(
    String name, int version, String partitionColumn, String compression, String description, List<Column> columns) {

  public StructType schema() {
    List<StructField> fields = new ArrayList<>();
    for (Column c : columns) {
      fields.add(new StructField(c.name(), c.type(), !c.required(), org.apache.spark.sql.types.Metadata.empty()));
    }
    return new StructType(fields.toArray(new StructField[0]));
  }

  /** Markdown documentation: a heading, the description and a Field | Type | Description | required table. */
  public String markdown() {
    StringBuilder sb = new StringBuilder();
    sb.append("## `").append(name).append("` (version ").append(version).append(")\n\n");
    sb.append(description).append("\n\n");
    sb.append("Partitioned by `").append(partitionColumn).append("` (string, in the folder name); Parquet compression `")
        .append(compression).append("`.\n\n");
    sb.append("| Field | Type | Description | required |\n|---|---|---|---|\n");
    for (Column c : columns) {
      sb.append("| `").append(c.name()).append("` | ").append(c.type().simpleString()).append(" | ")
          .append(c.description()).append(" | ").append(c.required() ? "yes" : "no").append(" |\n");
    }
    return sb.toString();
  }
}
