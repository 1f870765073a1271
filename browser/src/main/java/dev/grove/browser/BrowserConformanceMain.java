package dev.grove.browser;

import dev.grove.backend.memory.MemoryBackend;
import dev.grove.browser.idb.IdbBackend;
import dev.grove.conformance.BackendFactory;
import dev.grove.conformance.CaseResult;
import dev.grove.conformance.ConformanceCase;
import dev.grove.conformance.ConformanceRunner;
import dev.grove.conformance.ConformanceSuite;
import java.util.List;
import org.teavm.jso.JSBody;

/**
 * The conformance suite in a browser page ({@code conformance.html}): every case of
 * {@link ConformanceSuite#cases()} on the IndexedDB backend (a fresh, uniquely named database
 * per case, deleted afterwards) and on the memory backend, then the browser checks
 * ({@link BrowserChecks}).
 *
 * <p>Results go to {@code window.groveConformance}: {@code {done, current, results: [{id,
 * backend, passed, failure, millis}]}}, where {@code backend} is {@code indexeddb},
 * {@code memory} or {@code browser} (a browser check); {@code current} names the case under
 * way (for a run that hangs), and {@code planned} lists the ids about to run by backend. The query string may narrow the run:
 * {@code ?backends=indexeddb,memory,browser} (default all three), {@code ?filter=watch.} (ids
 * starting with it), {@code ?mode=quota} (only the quota check, for a page whose storage
 * quota the driver lowered).
 */
public final class BrowserConformanceMain {
  /** A case that runs longer than this fails, and the run goes on with the next case. */
  static final long CASE_TIMEOUT_MILLIS = 60_000;

  private BrowserConformanceMain() {}

  public static void main(String[] args) {
    start(param("mode"));
    try {
      if ("quota".equals(param("mode"))) {
        BrowserChecks.runQuotaCheck();
      } else {
        String backends = param("backends");
        String filter = param("filter");
        if (backends == null || backends.contains("indexeddb")) {
          runIndexedDb(filter);
        }
        if (backends == null || backends.contains("memory")) {
          runSuite("memory", filter, index -> MemoryBackend::new, null);
        }
        if (backends == null || backends.contains("browser")) {
          BrowserChecks.runAll(filter);
        }
      }
    } catch (Throwable broken) {
      publishError("the conformance run broke: " + broken);
    }
    finish();
  }

  private static void runIndexedDb(String filter) {
    String run = "conformance-" + Long.toString(System.currentTimeMillis(), 36) + "-"
        + Integer.toString((int) (Math.random() * 1_000_000), 36);
    runSuite("indexeddb", filter, index -> () -> IdbBackend.open(run + "-" + index),
        index -> IdbBackend.delete(run + "-" + index, 2000));
  }

  private interface Factories {
    BackendFactory forCase(int index);
  }

  private interface Cleanup {
    void after(int index);
  }

  private static void runSuite(String backend, String filter, Factories factories,
      Cleanup cleanup) {
    List<ConformanceCase> cases = ConformanceSuite.cases();
    for (int i = 0; i < cases.size(); i++) {
      ConformanceCase testCase = cases.get(i);
      if (filter != null && !testCase.id().startsWith(filter)) {
        continue;
      }
      setCurrent(backend + " " + testCase.id());
      BackendFactory factory = factories.forCase(i);
      CaseResult result = runBounded(testCase.id(),
          () -> ConformanceRunner.run(testCase, factory));
      String failure = result.failure();
      if (cleanup != null) {
        try {
          cleanup.after(i);
        } catch (Throwable t) {
          failure = (failure == null ? "the case passed, but " : failure + "\nand ")
              + "its database could not be deleted afterwards: " + t.getMessage();
        }
      }
      publish(result.id(), backend, failure == null, failure, result.millis());
    }
  }

  interface Body {
    CaseResult run();
  }

  /** Runs {@code body} in its own thread; a run beyond the timeout is reported as a failure. */
  static CaseResult runBounded(String id, Body body) {
    Object lock = new Object();
    CaseResult[] box = new CaseResult[1];
    long start = System.currentTimeMillis();
    new Thread(() -> {
      CaseResult result;
      try {
        result = body.run();
      } catch (Throwable t) {
        result = new CaseResult(id, false, String.valueOf(t), System.currentTimeMillis() - start);
      }
      synchronized (lock) {
        box[0] = result;
        lock.notifyAll();
      }
    }, "case " + id).start();
    synchronized (lock) {
      while (box[0] == null) {
        long left = start + CASE_TIMEOUT_MILLIS - System.currentTimeMillis();
        if (left <= 0) {
          return new CaseResult(id, false, "did not finish within " + CASE_TIMEOUT_MILLIS
              + " ms", CASE_TIMEOUT_MILLIS);
        }
        try {
          lock.wait(left);
        } catch (InterruptedException e) {
          return new CaseResult(id, false, "interrupted", System.currentTimeMillis() - start);
        }
      }
      return box[0];
    }
  }

  // ---- the page ----

  @JSBody(params = "name", script = "var v = new URLSearchParams(location.search).get(name);"
      + " return v === null || v === '' ? null : v;")
  static native String param(String name);

  @JSBody(params = "mode", script = "window.groveConformance = {done: false, mode: mode,"
      + " current: null, error: null, planned: {}, results: []};")
  private static native void start(String mode);

  @JSBody(params = "current", script = "window.groveConformance.current = current;")
  static native void setCurrent(String current);

  /** Publishes the ids about to run for {@code backend}, so a reader can tell none was lost. */
  @JSBody(params = {"backend", "ids"}, script = "window.groveConformance.planned[backend] ="
      + " (window.groveConformance.planned[backend] || []).concat(ids);")
  static native void plan(String backend, String[] ids);

  @JSBody(params = {"id", "backend", "passed", "failure", "millis"}, script = ""
      + "window.groveConformance.results.push({id: id, backend: backend, passed: passed,"
      + " failure: failure, millis: millis});"
      + "if (!passed) { console.error('FAIL ' + backend + ' ' + id + ': ' + failure); }")
  private static native void publishRaw(String id, String backend, boolean passed,
      String failure, double millis);

  static void publish(String id, String backend, boolean passed, String failure, long millis) {
    publishRaw(id, backend, passed, failure, millis);
  }

  @JSBody(params = "error", script = "window.groveConformance.error = error;")
  private static native void publishError(String error);

  @JSBody(script = "window.groveConformance.current = null; window.groveConformance.done = true;")
  private static native void finish();
}
