package dev.grove.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * The conformance suite: every case, written once against the backend contract and the store
 * API, run on every backend (memory, fs, git on the JVM; memory and IndexedDB in Chromium).
 * Each category lives in its own class; case ids ({@code category.name}) are stable.
 */
public final class ConformanceSuite {
  private ConformanceSuite() {}

  /** Every case, in a stable order. */
  public static List<ConformanceCase> cases() {
    List<ConformanceCase> all = new ArrayList<>();
    all.addAll(BackendCases.cases());
    all.addAll(ContentsCases.cases());
    all.addAll(TreeCases.cases());
    all.addAll(CommitCases.cases());
    all.addAll(BranchCases.cases());
    all.addAll(WatchCases.cases());
    all.addAll(HistoryCases.cases());
    all.addAll(DiffCases.cases());
    all.addAll(MergeCases.cases());
    all.addAll(TransactionCases.cases());
    all.addAll(StaleHeadCases.cases());
    all.addAll(ScaleCases.cases());
    all.addAll(BadInputCases.cases());
    all.addAll(SyncCases.cases());
    return all;
  }
}
