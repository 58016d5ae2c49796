/**
 * Spark edge: session creation (embedded local[*] or the spark-submit cluster), per-executor
 * caches, and the jobs that run the plain-Java core on executors. Spark types appear only here.
 */
package org.gags.spark;
