package dev.grove.browser.api;

import dev.grove.GroveException;
import dev.grove.backend.RefOutcome;
import dev.grove.browser.api.Args.Options;
import dev.grove.hash.ObjectId;
import dev.grove.path.Path;
import dev.grove.store.Repository;
import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.JSClass;
import org.teavm.jso.JSExport;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSPromise;

/**
 * {@code Store}: an open store. Branch handles, branches, history, diff, closing and destroying.
 * Made by {@code open}; JavaScript cannot construct it.
 */
@JSClass(name = "Store")
public final class StoreJs {
  private final String name;
  private final Repository repo;
  /** In IndexedDB (else in memory). */
  private final boolean persistent;
  private final List<Watch> watches = new ArrayList<>();
  private final List<LiveJs> lives = new ArrayList<>();
  private boolean closed;
  /** The message of the {@code closed} error of later calls. */
  private String closedBecause;

  StoreJs(String name, Repository repo, boolean persistent) {
    this.name = name;
    this.repo = repo;
    this.persistent = persistent;
  }

  /** The name the store was opened with. */
  @JSExport
  @JSProperty
  public String getName() {
    return name;
  }

  /** {@code {name}}: what {@code JSON.stringify(store)} writes. */
  @JSExport
  public JSObject toJSON() {
    return Results.named(name);
  }

  /** A handle on branch {@code name}, which need not exist yet (its first commit creates it). */
  @JSExport
  public BranchJs branch(JSObject name) {
    try {
      checkOpen();
      return new BranchJs(this, Args.branch(name, "name"));
    } catch (Throwable t) {
      throw Errors.rethrow(t);
    }
  }

  /** Every branch and its head, sorted by name: {@code [{name, head}]}. */
  @JSExport
  public JSPromise<JSObject> branches() {
    return promise(() -> () -> Results.branches(repo.branches()));
  }

  /**
   * Creates branch {@code name} at {@code from} (a branch or a commit id); resolves to its head.
   * Fails with {@code branch_exists} when it exists.
   */
  @JSExport
  public JSPromise<JSObject> createBranch(JSObject name, JSObject from) {
    return promise(() -> {
      String branch = Args.branch(name, "name");
      String rev = Args.revision(from, "from");
      return () -> {
        ObjectId at = Revisions.resolve(repo, rev);
        if (repo.createBranch(branch, at) != RefOutcome.CREATED) {
          throw new GroveException(Errors.BRANCH_EXISTS, "branch '" + branch + "' exists already");
        }
        return Results.id(at);
      };
    });
  }

  /** Deletes branch {@code name} (not its commits); resolves to whether it existed. */
  @JSExport
  public JSPromise<JSObject> deleteBranch(JSObject name) {
    return promise(() -> {
      String branch = Args.branch(name, "name");
      return () -> Js.bool(repo.deleteBranch(branch) == RefOutcome.DELETED);
    });
  }

  /** The commits reachable from {@code from} (a branch or a commit id), newest first. */
  @JSExport
  public JSPromise<JSObject> log(JSObject from, JSObject options) {
    return promise(() -> {
      String rev = Args.revision(from, "from");
      int limit = Options.of(options, "options").integer("limit", 0, Integer.MAX_VALUE);
      return () -> Results.commits(repo.log(Revisions.resolve(repo, rev), limit));
    });
  }

  /**
   * The values added, removed and changed from {@code from} to {@code to} (each a branch, a
   * commit id, or null for the empty store), optionally only under {@code options.prefix}.
   */
  @JSExport
  public JSPromise<JSObject> diff(JSObject from, JSObject to, JSObject options) {
    return promise(() -> {
      String a = Js.absent(from) ? null : Args.revision(from, "from");
      String b = Js.absent(to) ? null : Args.revision(to, "to");
      Options opts = Options.of(options, "options");
      Path prefix = Args.dir(opts.raw("prefix"), "options.prefix");
      return () -> Results.changes(repo.diff(Revisions.resolveOrNone(repo, a),
          Revisions.resolveOrNone(repo, b), prefix));
    });
  }

  /** The lowest common ancestors of two revisions (none for unrelated histories). */
  @JSExport
  public JSPromise<JSObject> lowestCommonAncestors(JSObject a, JSObject b) {
    return promise(() -> {
      String first = Args.revision(a, "a");
      String second = Args.revision(b, "b");
      return () -> Results.ids(repo.lowestCommonAncestors(Revisions.resolve(repo, first),
          Revisions.resolve(repo, second)));
    });
  }

  /**
   * A remote: the repository at {@code url} on a Grove server ({@code http://HOST:PORT/repos/NAME}),
   * with options {@code token} and {@code onProgress}. Sends nothing until it is used.
   */
  @JSExport
  public RemoteJs remote(JSObject url, JSObject options) {
    try {
      checkOpen();
      return RemoteJs.of(this, url, options);
    } catch (Throwable t) {
      throw Errors.rethrow(t);
    }
  }

  /** Ends every watch and live sync and closes the store; later calls fail with {@code closed}. */
  @JSExport
  public JSPromise<JSObject> close() {
    if (closed) {
      return JSPromise.resolve(Js.undefined());
    }
    shutDown("the store '" + name + "' is closed");
    return Async.promise(() -> () -> {
      repo.close();
      return Js.undefined();
    });
  }

  /**
   * Closes the store as {@link #close} does, then deletes it and everything in it: its IndexedDB
   * database (other connections to it, in this page and other tabs, are closed first); a memory
   * store is only closed (nothing keeps its contents). Fails with {@code closed} on a closed store, and with
   * {@code storage_blocked} when another connection keeps the database open for 10 s (the store
   * is closed all the same, and the deletion happens once that connection closes).
   */
  @JSExport
  public JSPromise<JSObject> destroy() {
    return Async.promise(() -> {
      checkOpen();
      shutDown("the store '" + name + "' was destroyed");
      return () -> {
        repo.close();
        if (persistent) {
          Backends.delete(name);
        }
        return Js.undefined();
      };
    });
  }

  // ---- for the other classes of the API ----

  Repository repository() {
    return repo;
  }

  void checkOpen() {
    if (closed) {
      throw new GroveException(Errors.CLOSED, closedBecause);
    }
  }

  /**
   * Another connection (this page's or another tab's) deleted the store's database: the backend
   * closed itself; end the watches and live syncs. Runs in an IndexedDB event: blocks nothing.
   */
  void deleted() {
    if (!closed) {
      shutDown("the store '" + name + "' was destroyed, in this page or another tab");
    }
  }

  /** Marks the store closed and ends its watches and live syncs (nothing here blocks). */
  private void shutDown(String reason) {
    closed = true;
    closedBecause = reason;
    for (Watch watch : new ArrayList<>(watches)) {
      watch.cancel();
    }
    for (LiveJs live : new ArrayList<>(lives)) {
      live.stop();
    }
  }

  /** {@link Async#promise}, failing with {@code closed} once the store is closed. */
  JSPromise<JSObject> promise(Async.Call call) {
    return Async.promise(() -> {
      checkOpen();
      return call.check();
    });
  }

  Watch watch(String branch, Path prefix, JSObject callback) {
    checkOpen();
    Watch watch = Watch.start(this, branch, prefix, callback);
    watches.add(watch);
    return watch;
  }

  void forget(Watch watch) {
    watches.remove(watch);
  }

  void keep(LiveJs live) {
    lives.add(live);
  }

  void forget(LiveJs live) {
    lives.remove(live);
  }
}
