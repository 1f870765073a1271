package dev.grove.browser.api;

import dev.grove.browser.api.Args.Options;
import dev.grove.browser.sync.FetchTransport;
import dev.grove.store.CommitInfo;
import dev.grove.sync.Progress;
import dev.grove.sync.Protocol;
import dev.grove.sync.Remote;
import org.teavm.jso.JSClass;
import org.teavm.jso.JSExport;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSPromise;

/**
 * {@code Remote}: a store's link to one repository on a Grove server, over {@code fetch}. Made
 * by {@code store.remote(url, options)}; holds the URL, the token and the progress callback,
 * and runs the core's {@link Remote} on the store.
 */
@JSClass(name = "Remote")
public final class RemoteJs {
  /** The branch a call syncs when its options name none. */
  static final String DEFAULT_BRANCH = "main";
  /** How many times {@code sync} pushes again after losing a race, when not told. */
  static final int DEFAULT_RETRIES = 5;

  private final StoreJs store;
  private final String url;
  private final Remote remote;
  private final Progress progress;

  private RemoteJs(StoreJs store, String url, Remote remote, Progress progress) {
    this.store = store;
    this.url = url;
    this.remote = remote;
    this.progress = progress;
  }

  /** Checks {@code store.remote}'s arguments and makes the remote; no request is sent yet. */
  static RemoteJs of(StoreJs store, JSObject url, JSObject options) {
    String address = Args.string(url, "url");
    if (!address.startsWith("http://") && !address.startsWith("https://")) {
      throw Errors.invalidArgument("url must be the http:// or https:// URL of a repository,"
          + " such as http://127.0.0.1:7070/repos/notes, not '" + address + "'");
    }
    Options opts = Options.of(options, "options");
    String token = opts.string("token");
    JSObject onProgress = opts.raw("onProgress");
    if (onProgress != null) {
      Args.function(onProgress, "options.onProgress");
    }
    Progress progress = onProgress == null ? Progress.NONE : (phase, done, total) ->
        Js.callback(onProgress, SyncResults.progress(phase, done, total), "onProgress");
    int replyMs = opts.integer("replyTimeoutMs", 1, Protocol.REPLY_HEAD_TIMEOUT_MS);
    int idleMs = opts.integer("idleTimeoutMs", 1, Protocol.REQUEST_IDLE_TIMEOUT_MS);
    int watchIdleMs = opts.integer("watchIdleTimeoutMs", 1, Protocol.WATCH_IDLE_TIMEOUT_MS);
    Remote remote = new Remote(store.repository(),
        new FetchTransport(address, token, replyMs, idleMs, watchIdleMs));
    return new RemoteJs(store, address, remote, progress);
  }

  /** The repository's URL, as given. */
  @JSExport
  @JSProperty
  public String getUrl() {
    return url;
  }

  /** {@code {url}}: what {@code JSON.stringify(remote)} writes (never the token). */
  @JSExport
  public JSObject toJSON() {
    return SyncResults.url(url);
  }

  /**
   * Fetches the remote branch and merges it into the local one:
   * {@code {status, branch, head, remoteHead, conflicts, objectsReceived}}.
   */
  @JSExport
  public JSPromise<JSObject> pull(JSObject options) {
    return store.promise(() -> {
      Options opts = Options.of(options, "options");
      String branch = branch(opts);
      CommitInfo info = mergeInfo(opts, branch);
      return () -> SyncResults.pull(remote.pull(branch, info, progress));
    });
  }

  /**
   * Pushes the local branch to the remote one: {@code {status, branch, remoteHead, objectsSent}};
   * a non-fast-forward is a status, not an error, unless {@code force}.
   */
  @JSExport
  public JSPromise<JSObject> push(JSObject options) {
    return store.promise(() -> {
      Options opts = Options.of(options, "options");
      String branch = branch(opts);
      boolean force = opts.bool("force");
      return () -> SyncResults.push(remote.push(branch, force, progress));
    });
  }

  /**
   * Pulls, merges and pushes, again after a lost race up to {@code retries} times:
   * {@code {status, branch, head, conflicts, attempts, objectsReceived, objectsSent}}.
   */
  @JSExport
  public JSPromise<JSObject> sync(JSObject options) {
    return store.promise(() -> {
      Options opts = Options.of(options, "options");
      String branch = branch(opts);
      int retries = opts.integer("retries", 0, DEFAULT_RETRIES);
      CommitInfo info = mergeInfo(opts, branch);
      return () -> SyncResults.sync(remote.sync(branch, info, retries + 1, progress));
    });
  }

  /** Keeps a branch in sync both ways until {@code stop()}: see {@link LiveJs}. */
  @JSExport
  public LiveJs live(JSObject options) {
    try {
      store.checkOpen();
      Options opts = Options.of(options, "options");
      String branch = branch(opts);
      CommitInfo info = mergeInfo(opts, branch);
      return LiveJs.start(store, remote, branch, info, opts);
    } catch (Throwable t) {
      throw Errors.rethrow(t);
    }
  }

  private static String branch(Options opts) {
    JSObject name = opts.raw("branch");
    return name == null ? DEFAULT_BRANCH : Args.branch(name, "options.branch");
  }

  private CommitInfo mergeInfo(Options opts, String branch) {
    return Args.commitInfo(opts, "merge " + url + " " + branch);
  }
}
