package dev.grove.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * The conformance suite: every case, written once against the backend contract and the store
 * API, run on every backend (memory, fs, git on the JVM; memory and IndexedDB in Chromium).
 */
public final class ConformanceSuite {
  private ConformanceSuite() {}

  /** Every case, in a stable order. */
  public static List<ConformanceCase> cases() {
    List<ConformanceCase> all = new ArrayList<>();
    all.addAll(BackendCases.cases());
    return all;
  }
}
