package dev.grove.browser.api;

import dev.grove.GroveException;
import dev.grove.Utf8Text;
import dev.grove.browser.api.Args.Options;
import dev.grove.hash.ObjectId;
import dev.grove.path.Path;
import dev.grove.store.Branch;
import dev.grove.store.CommitInfo;
import dev.grove.store.Strategy;
import java.util.Optional;
import org.teavm.jso.JSClass;
import org.teavm.jso.JSExport;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSPromise;

/**
 * {@code Branch}: reads of one branch's head, and writes that commit to it. Made by
 * {@code store.branch(name)}; holds nothing but the name, so it is cheap.
 */
@JSClass(name = "Branch")
public final class BranchJs {
  private final StoreJs store;
  private final Branch branch;

  BranchJs(StoreJs store, String name) {
    this.store = store;
    this.branch = store.repository().branch(name);
  }

  @JSExport
  @JSProperty
  public String getName() {
    return branch.name();
  }

  /** {@code {name}}: what {@code JSON.stringify(branch)} writes. */
  @JSExport
  public JSObject toJSON() {
    return Results.named(branch.name());
  }

  /** The head commit id, or null when the branch does not exist. */
  @JSExport
  public JSPromise<JSObject> head() {
    return store.promise(() -> () -> Results.id(branch.head().orElse(ObjectId.NONE)));
  }

  /** The value at {@code key} as a new {@code Uint8Array}, or undefined. */
  @JSExport
  public JSPromise<JSObject> get(JSObject key) {
    return store.promise(() -> {
      Path path = Args.key(key);
      return () -> bytes(branch.find(path));
    });
  }

  /** The value at {@code key} as UTF-8 text, or undefined. */
  @JSExport
  public JSPromise<JSObject> getText(JSObject key) {
    return store.promise(() -> {
      Path path = Args.key(key);
      return () -> text(branch.find(path));
    });
  }

  /** The value at {@code key} parsed as JSON, or undefined; {@code invalid_json} when it is not JSON. */
  @JSExport
  public JSPromise<JSObject> getJSON(JSObject key) {
    return store.promise(() -> {
      Path path = Args.key(key);
      return () -> json(path, branch.find(path));
    });
  }

  /**
   * Sets {@code key} to {@code value} (bytes, text, or any other value as JSON) in one commit;
   * resolves to the head afterwards.
   */
  @JSExport
  public JSPromise<JSObject> set(JSObject key, JSObject value, JSObject options) {
    return store.promise(() -> {
      Path path = Args.key(key);
      byte[] bytes = Args.value(value);
      CommitInfo info = Args.commitInfo(Options.of(options, "options"), "set " + path);
      return () -> Results.id(branch.set(path, bytes, info));
    });
  }

  /**
   * Removes the value or directory at {@code key} in one commit (none when nothing is there);
   * resolves to the head afterwards (null for a branch that does not exist).
   */
  @JSExport
  public JSPromise<JSObject> remove(JSObject key, JSObject options) {
    return store.promise(() -> {
      Path path = Args.key(key);
      CommitInfo info = Args.commitInfo(Options.of(options, "options"), "remove " + path);
      return () -> Results.id(branch.remove(path, info));
    });
  }

  /** The entries of directory {@code dir} (the root when absent): {@code [{name, kind}]}. */
  @JSExport
  public JSPromise<JSObject> list(JSObject dir) {
    return store.promise(() -> {
      Path path = Args.dir(dir, "dir");
      return () -> Results.entries(branch.list(path));
    });
  }

  /**
   * Runs {@code body(draft)} (it may be async) and commits the draft's edits as one commit,
   * with {@code options.strategy} deciding what happens when the branch moved meanwhile.
   */
  @JSExport
  public JSPromise<JSObject> transact(JSObject body, JSObject options) {
    JSObject fn;
    Strategy strategy;
    CommitInfo info;
    try {
      store.checkOpen();
      fn = Args.function(body, "body");
      Options opts = Options.of(options, "options");
      String name = opts.string("strategy");
      strategy = Args.strategy(name == null ? "set" : name);
      info = Args.commitInfo(opts, "transaction");
    } catch (Throwable invalid) {
      return JSPromise.reject(Errors.toJs(invalid));
    }
    return DraftJs.run(branch, fn, strategy, info);
  }

  /**
   * Merges {@code other} (a branch or a commit id) into this branch:
   * {@code {status, head, conflicts}}. A conflict writes nothing.
   */
  @JSExport
  public JSPromise<JSObject> merge(JSObject other, JSObject options) {
    return store.promise(() -> {
      String rev = Args.revision(other, "other");
      CommitInfo info = Args.commitInfo(Options.of(options, "options"),
          "merge " + rev + " into " + branch.name());
      return () -> Results.merge(branch.merge(Revisions.resolve(store.repository(), rev), info));
    });
  }

  /** This branch's commits, newest first (none when it does not exist). */
  @JSExport
  public JSPromise<JSObject> log(JSObject options) {
    return store.promise(() -> {
      int limit = Options.of(options, "options").integer("limit", 0, Integer.MAX_VALUE);
      return () -> Results.commits(branch.log(limit));
    });
  }

  /** Calls {@code callback({branch, previous, head})} after each move of the branch. */
  @JSExport
  public Js.Unsubscribe watch(JSObject callback) {
    try {
      Watch watch = store.watch(branch.name(), null, Args.function(callback, "callback"));
      return watch::cancel;
    } catch (Throwable t) {
      throw Errors.rethrow(t);
    }
  }

  /**
   * Calls {@code callback(changes, event)} after each move of the branch that changed values at
   * or below {@code prefix}.
   */
  @JSExport
  public Js.Unsubscribe watchKeys(JSObject prefix, JSObject callback) {
    try {
      Path path = Args.dir(prefix, "prefix");
      Watch watch = store.watch(branch.name(), path, Args.function(callback, "callback"));
      return watch::cancel;
    } catch (Throwable t) {
      throw Errors.rethrow(t);
    }
  }

  // ---- value conversions, shared with Draft ----

  static JSObject bytes(Optional<byte[]> value) {
    return value.isPresent() ? Js.bytesOut(value.get()) : Js.undefined();
  }

  static JSObject text(Optional<byte[]> value) {
    return value.isPresent()
        ? Js.string(Utf8Text.decode(value.get())) : Js.undefined();
  }

  static JSObject json(Path path, Optional<byte[]> value) {
    if (value.isEmpty()) {
      return Js.undefined();
    }
    JSObject parsed = Js.parse(Utf8Text.decode(value.get()));
    JSObject error = Js.get(parsed, "error");
    if (!Js.absent(error)) {
      throw new GroveException("invalid_json", "the value at '" + path + "' is not JSON: "
          + Js.string(error));
    }
    return Js.get(parsed, "value");
  }
}
