package dev.grove.conformance;

import dev.grove.backend.Backend;
import java.util.ArrayList;
import java.util.List;

/** Runs conformance cases, each on a fresh backend, and reports each outcome as a value. */
public final class ConformanceRunner {
  private ConformanceRunner() {}

  /** Runs one case on a fresh backend from {@code factory}; never throws. */
  public static CaseResult run(ConformanceCase testCase, BackendFactory factory) {
    long start = System.currentTimeMillis();
    try {
      Backend backend = factory.create();
      try {
        testCase.body().run(new Fixture(backend));
      } finally {
        backend.close();
      }
      return new CaseResult(testCase.id(), true, null, System.currentTimeMillis() - start);
    } catch (Throwable failure) {
      return new CaseResult(testCase.id(), false, describe(failure),
          System.currentTimeMillis() - start);
    }
  }

  /** Runs every case of the suite, in order. */
  public static List<CaseResult> runAll(BackendFactory factory) {
    List<CaseResult> results = new ArrayList<>();
    for (ConformanceCase testCase : ConformanceSuite.cases()) {
      results.add(run(testCase, factory));
    }
    return results;
  }

  private static String describe(Throwable failure) {
    StringBuilder text = new StringBuilder();
    text.append(failure.getClass().getName()).append(": ").append(failure.getMessage());
    StackTraceElement[] trace = failure.getStackTrace();
    for (int i = 0; trace != null && i < Math.min(trace.length, 8); i++) {
      text.append("\n  at ").append(trace[i]);
    }
    if (failure.getCause() != null && failure.getCause() != failure) {
      text.append("\ncaused by ").append(describe(failure.getCause()));
    }
    return text.toString();
  }
}
