/**
 * Typed rows of every table in {@link org.gags.store.Tables}: one record per table whose
 * components are the table's columns in order, read by column name ({@code from(Row)}) and written
 * in schema order ({@code toRow()}), so no stage reads a row by position. {@code TableRowsTest}
 * keeps each record equal to its table's columns.
 */
package org.gags.store.rows;
