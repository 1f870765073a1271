/**
 * Grove's JVM benchmark (a plain harness with a main class, not a test): commits per second of
 * single-key sets on every backend side by side with JGit used directly, and the cost of one
 * set as the store grows. Run it with {@code ./benchmark}; see docs/BENCHMARKS.md.
 */
package dev.grove.server.bench;
