package dev.grove.browser.api;

import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;

/**
 * Promises over blocking Java. A method's arguments are checked at once, in the caller's turn;
 * the work then runs in a new green thread, where the core may block on the backend, and
 * settles the Promise. A failure, early or late, rejects with an error that has a code.
 */
final class Async {
  private Async() {}

  /** The blocking part of a call: returns the JavaScript value the Promise resolves to. */
  interface Task {
    JSObject run();
  }

  /** The checking part of a call: checks the arguments and returns the blocking part. */
  interface Call {
    Task check();
  }

  static JSPromise<JSObject> promise(Call call) {
    Task task;
    try {
      task = call.check();
    } catch (Throwable invalid) {
      return JSPromise.reject(Errors.toJs(invalid));
    }
    return new JSPromise<>((resolve, reject) -> start(() -> {
      JSObject value;
      try {
        value = task.run();
      } catch (Throwable failed) {
        reject.accept(Errors.toJs(failed));
        return;
      }
      resolve.accept(value);
    }));
  }

  /**
   * Runs {@code body} in a new green thread, started from a fresh macrotask
   * ({@link Js#soon}) so that browsers do not throttle it as a nested timer.
   */
  static void start(Runnable body) {
    Js.soon(() -> new Thread(body).start());
  }
}
