package org.gags.store;

import org.apache.spark.sql.types.DataType;

/** One documented column of a table. */
public record Column(String name, DataType type, boolean required, String description) {}
