package dev.grove.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the whole conformance suite on one backend, each case as its own JUnit test named by
 * its id, grouped by category. Enlisting a backend is one line: a subclass giving its factory.
 */
public abstract class ConformanceTest {

  /** Makes fresh, empty stores of the backend under test. */
  protected abstract BackendFactory backends();

  @TestFactory
  Stream<DynamicNode> conformance() {
    BackendFactory factory = backends();
    Map<String, List<DynamicTest>> byCategory = new LinkedHashMap<>();
    for (ConformanceCase testCase : ConformanceSuite.cases()) {
      byCategory.computeIfAbsent(testCase.category(), c -> new ArrayList<>())
          .add(DynamicTest.dynamicTest(testCase.id(), () -> {
            CaseResult result = ConformanceRunner.run(testCase, factory);
            if (!result.passed()) {
              throw new AssertionError(result.failure());
            }
          }));
    }
    return byCategory.entrySet().stream()
        .map(e -> DynamicContainer.dynamicContainer(e.getKey(), e.getValue()));
  }
}
