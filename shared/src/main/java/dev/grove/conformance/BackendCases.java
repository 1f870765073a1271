package dev.grove.conformance;

import java.util.ArrayList;
import java.util.List;

/** Cases on the raw backend contract: objects, refs, compare-and-set, batches. */
final class BackendCases {
  private BackendCases() {}

  static List<ConformanceCase> cases() {
    List<ConformanceCase> cases = new ArrayList<>();
    cases.add(new ConformanceCase("backend", "empty_store_has_no_branches",
        f -> Check.isTrue(f.backend().refs().listRefs().isEmpty(), "no branches")));
    return cases;
  }
}
