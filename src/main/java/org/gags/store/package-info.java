/**
 * Storage: the table contracts ({@link org.gags.store.Tables}, documented in docs/tables.md) and
 * the partitioned Parquet layout with its commit protocol ({@link org.gags.store.TableStore}), and
 * the local file system those tables are written through ({@link
 * org.gags.store.ForklessLocalFileSystem}: Hadoop's, without a forked chmod per file).
 */
package org.gags.store;
