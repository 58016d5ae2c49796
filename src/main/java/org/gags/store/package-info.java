/**
 * Storage: the table contracts ({@link org.gags.store.Tables}, documented in docs/tables.md) and
 * the partitioned Parquet layout with its commit protocol ({@link org.gags.store.TableStore}).
 */
package org.gags.store;
