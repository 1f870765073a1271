package dev.grove.browser;

import dev.grove.backend.memory.MemoryBackend;
import dev.grove.conformance.CaseResult;
import dev.grove.conformance.ConformanceCase;
import dev.grove.conformance.ConformanceRunner;
import dev.grove.conformance.ConformanceSuite;
import java.util.List;
import org.teavm.jso.JSBody;

/**
 * Runs the conformance suite on the memory backend, compiled to JavaScript by TeaVM.
 *
 * <p>It is also the TeaVM entry point that makes the core and the suite reachable, so the build
 * fails when the core uses a class TeaVM lacks.
 *
 * <p>Output, one line per case, then a summary (read by {@code JsConformanceTest}):
 *
 * <pre>
 * PASS backend.some_case (3 ms)
 * FAIL backend.other_case (1 ms)
 *     dev.grove.conformance.CheckFailure: ...
 * conformance: 1 passed, 1 failed
 * </pre>
 *
 * A failing case's description follows its line, each line indented by four spaces. When a case
 * fails, the Node process exits with status 1; in a browser that step does nothing.
 */
public final class ConformanceMain {
  private ConformanceMain() {}

  public static void main(String[] args) {
    int passed = 0;
    int failed = 0;
    try {
      List<ConformanceCase> cases = ConformanceSuite.cases();
      for (ConformanceCase testCase : cases) {
        CaseResult result = ConformanceRunner.run(testCase, MemoryBackend::new);
        System.out.println((result.passed() ? "PASS " : "FAIL ") + result.id()
            + " (" + result.millis() + " ms)");
        if (result.passed()) {
          passed++;
        } else {
          failed++;
          printIndented(String.valueOf(result.failure()));
        }
      }
    } catch (Throwable broken) {
      // The suite itself could not be listed or run: count it as one failure, never pass.
      failed++;
      System.out.println("ERROR the conformance suite could not run");
      printIndented(broken.getClass().getName() + ": " + broken.getMessage());
    }
    System.out.println("conformance: " + passed + " passed, " + failed + " failed");
    if (failed > 0) {
      setExitCodeToFailure();
    }
  }

  /** Prints each line indented. (Not with {@code split}: that would pull regex into the JS.) */
  private static void printIndented(String text) {
    int start = 0;
    while (start < text.length() || start == 0) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      System.out.println("    " + text.substring(start, end));
      start = end + 1;
    }
  }

  /** In Node, makes the process exit with status 1 once it ends; in a browser, does nothing. */
  @JSBody(script = "if (typeof process === 'object' && process !== null"
      + " && typeof process.exit === 'function') { process.exitCode = 1; }")
  private static native void setExitCodeToFailure();
}
