package dev.grove.browser.api;

import dev.grove.browser.api.Args.Options;
import dev.grove.store.CommitInfo;
import dev.grove.sync.LiveSync;
import dev.grove.sync.Remote;
import dev.grove.sync.SyncResult;
import org.teavm.jso.JSClass;
import org.teavm.jso.JSExport;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;

/**
 * {@code Live}: one branch kept in sync with a remote by the core's {@link LiveSync}: a sync
 * after every change on either side, reconnecting with backoff while the server is unreachable.
 * The callbacks {@code onState(state)}, {@code onSync(result)} and {@code onError(error)} are
 * called as the core reports; what they throw is logged and goes no further. {@code stop()} (or
 * closing the store) ends it.
 */
@JSClass(name = "Live")
public final class LiveJs {
  private final StoreJs store;
  private final String branch;
  private final JSObject onState;
  private final JSObject onSync;
  private final JSObject onError;
  private String state = "connecting";
  private LiveSync live;
  private boolean stopped;

  private LiveJs(StoreJs store, String branch, JSObject onState, JSObject onSync,
      JSObject onError) {
    this.store = store;
    this.branch = branch;
    this.onState = onState;
    this.onSync = onSync;
    this.onError = onError;
  }

  /**
   * Checks the callbacks in {@code opts} and starts following {@code branch}. The core starts in
   * a green thread of its own: starting may wait on the store.
   */
  static LiveJs start(StoreJs store, Remote remote, String branch, CommitInfo info,
      Options opts) {
    LiveJs live = new LiveJs(store, branch, callback(opts, "onState"), callback(opts, "onSync"),
        callback(opts, "onError"));
    store.keep(live);
    Async.start(() -> {
      if (live.stopped) {
        return;
      }
      try {
        live.live = LiveSync.start(remote, branch, info, live.new Listener());
        if (live.stopped) {
          live.live.cancel(); // stopped while it was starting
        }
      } catch (Throwable failed) {
        live.report(failed);
        live.stop();
      }
    });
    return live;
  }

  private static JSObject callback(Options opts, String name) {
    JSObject fn = opts.raw(name);
    return fn == null ? null : Args.function(fn, "options." + name);
  }

  /** The branch it keeps in sync. */
  @JSExport
  @JSProperty
  public String getBranch() {
    return branch;
  }

  /** {@code connecting}, {@code live}, {@code syncing}, {@code offline} or {@code stopped}. */
  @JSExport
  @JSProperty
  public String getState() {
    return state;
  }

  /** Stops: closes the stream, no more syncs (one under way finishes). Harmless when repeated. */
  @JSExport
  public void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    store.forget(this);
    if (live != null) {
      live.cancel();
    }
    setState("stopped");
  }

  private void setState(String next) {
    if (next.equals(state)) {
      return;
    }
    state = next;
    if (onState != null) {
      Js.callback(onState, Js.string(next), "onState");
    }
  }

  private void report(Throwable error) {
    if (onError != null) {
      Js.callback(onError, Errors.toJs(error), "onError");
    }
  }

  private final class Listener implements LiveSync.Listener {
    @Override
    public void state(String next) {
      if (!stopped || next.equals("stopped")) {
        setState(next);
      }
    }

    @Override
    public void synced(SyncResult result) {
      if (!stopped && onSync != null) {
        Js.callback(onSync, SyncResults.sync(result), "onSync");
      }
    }

    @Override
    public void failed(RuntimeException error) {
      if (!stopped) {
        report(error);
      }
    }
  }
}
