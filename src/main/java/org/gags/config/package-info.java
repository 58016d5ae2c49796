/**
 * Run configuration: every key with its default and check ({@link org.gags.config.ConfigKeys}),
 * named presets, and the resolved configuration of a run with per-stage hashes. Files hold data
 * only (key = value); no paths resolve against the working directory.
 */
package org.gags.config;
