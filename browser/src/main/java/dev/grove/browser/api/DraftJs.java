package dev.grove.browser.api;

import dev.grove.GroveException;
import dev.grove.path.Path;
import dev.grove.store.Branch;
import dev.grove.store.CommitInfo;
import dev.grove.store.Draft;
import dev.grove.store.Strategy;
import java.util.ArrayDeque;
import org.teavm.jso.JSClass;
import org.teavm.jso.JSExport;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;

/**
 * {@code Draft}: the working copy a transaction body edits. Reads see the draft's own writes
 * and return Promises; writes are synchronous.
 *
 * <p>A JavaScript body cannot run inside the blocking core (it would have to suspend), so the
 * transaction is split: {@link Branch#draft()} makes the draft, the body runs as ordinary
 * JavaScript, then {@link Branch#commit(Draft, Strategy, CommitInfo)} commits it. Every
 * operation on the core's draft, from its creation to the commit, runs in call order on one
 * queue, drained by one green thread at a time: a write may load trees (and block on the
 * backend), and the core's draft is not safe for overlapping use, while a body may well start
 * several reads without awaiting each.
 */
@JSClass(name = "Draft")
public final class DraftJs {
  private final Branch branch;
  private final ArrayDeque<Runnable> steps = new ArrayDeque<>();
  private boolean draining;
  /** True until the body has settled: then reads and writes are refused. */
  private boolean open = true;
  private Draft draft;
  /** The first failure of a queued step: the transaction fails with it. */
  private Throwable failure;

  private DraftJs(Branch branch) {
    this.branch = branch;
  }

  /** Runs a transaction: see {@link BranchJs#transact}. */
  static JSPromise<JSObject> run(Branch branch, JSObject body, Strategy strategy,
      CommitInfo info) {
    DraftJs handle = new DraftJs(branch);
    handle.queue(() -> handle.draft = branch.draft());
    // The body gets the handle itself: an instance of an exported class is a JavaScript object.
    return new JSPromise<>((resolve, reject) -> Js.runBody(body, (JSObject) (Object) handle,
        value -> {
          handle.open = false;
          handle.queue(() -> {
            if (handle.failure != null) {
              reject.accept(Errors.toJs(handle.failure));
              return;
            }
            try {
              resolve.accept(Results.transaction(branch.commit(handle.draft, strategy, info), value));
            } catch (Throwable t) {
              reject.accept(Errors.toJs(t));
            }
          });
        },
        error -> {
          // The body failed: nothing is committed, and the caller gets the body's own error.
          handle.open = false;
          reject.accept(error);
        }));
  }

  /** The value at {@code key} in the draft, as a new {@code Uint8Array}, or undefined. */
  @JSExport
  public JSPromise<JSObject> get(JSObject key) {
    return read(key, (path, d) -> BranchJs.bytes(d.find(path)));
  }

  /** The value at {@code key} in the draft as UTF-8 text, or undefined. */
  @JSExport
  public JSPromise<JSObject> getText(JSObject key) {
    return read(key, (path, d) -> BranchJs.text(d.find(path)));
  }

  /** The value at {@code key} in the draft parsed as JSON, or undefined. */
  @JSExport
  public JSPromise<JSObject> getJSON(JSObject key) {
    return read(key, (path, d) -> BranchJs.json(path, d.find(path)));
  }

  /** The entries of directory {@code dir} in the draft (the root when absent). */
  @JSExport
  public JSPromise<JSObject> list(JSObject dir) {
    Path path;
    try {
      path = Args.dir(dir, "dir");
    } catch (Throwable invalid) {
      return JSPromise.reject(Errors.toJs(invalid));
    }
    return read(path, (p, d) -> Results.entries(d.list(p)));
  }

  /** Sets {@code key} to {@code value} in the draft (bytes, text, or JSON), as {@code branch.set}. */
  @JSExport
  public void set(JSObject key, JSObject value) {
    try {
      checkOpen();
      Path path = Args.key(key);
      byte[] bytes = Args.value(value);
      write(d -> d.set(path, bytes));
    } catch (Throwable t) {
      throw Errors.rethrow(t);
    }
  }

  /** Removes the value or directory at {@code key} from the draft. */
  @JSExport
  public void remove(JSObject key) {
    try {
      checkOpen();
      Path path = Args.key(key);
      write(d -> d.remove(path));
    } catch (Throwable t) {
      throw Errors.rethrow(t);
    }
  }

  // ---- the queue ----

  private interface Read {
    JSObject apply(Path path, Draft draft);
  }

  private interface Write {
    void apply(Draft draft);
  }

  private JSPromise<JSObject> read(JSObject key, Read read) {
    Path path;
    try {
      path = Args.key(key);
    } catch (Throwable invalid) {
      return JSPromise.reject(Errors.toJs(invalid));
    }
    return read(path, read);
  }

  private JSPromise<JSObject> read(Path path, Read read) {
    try {
      checkOpen();
    } catch (Throwable closed) {
      return JSPromise.reject(Errors.toJs(closed));
    }
    return new JSPromise<>((resolve, reject) -> queue(() -> {
      if (failure != null) {
        reject.accept(Errors.toJs(failure));
        return;
      }
      JSObject value;
      try {
        value = read.apply(path, draft);
      } catch (Throwable t) {
        reject.accept(Errors.toJs(t));
        return;
      }
      resolve.accept(value);
    }));
  }

  private void write(Write write) {
    queue(() -> {
      if (failure != null) {
        return;
      }
      try {
        write.apply(draft);
      } catch (Throwable t) {
        failure = t;
      }
    });
  }

  private void checkOpen() {
    if (!open) {
      throw new GroveException(Errors.INVALID_STATE,
          "this draft's transaction is over: use a draft only inside its transaction's body");
    }
  }

  private void queue(Runnable step) {
    steps.add(step);
    if (!draining) {
      draining = true;
      Async.start(this::drain);
    }
  }

  private void drain() {
    while (true) {
      Runnable step = steps.poll();
      if (step == null) {
        draining = false;
        return;
      }
      try {
        step.run();
      } catch (Throwable t) {
        if (failure == null) {
          failure = t;
        }
      }
    }
  }
}
