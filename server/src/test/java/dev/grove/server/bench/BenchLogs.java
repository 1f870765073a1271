package dev.grove.server.bench;

/** Logging of a benchmark's own process. */
final class BenchLogs {
  private BenchLogs() {}

  /**
   * No log output (JGit and the server log through SLF4J), unless {@code -Dslf4j.provider} chose
   * one: progress goes to standard error, the report to standard output.
   */
  static void quiet() {
    if (System.getProperty("slf4j.provider") == null) {
      System.setProperty("slf4j.internal.verbosity", "WARN");
      System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
    }
  }
}
