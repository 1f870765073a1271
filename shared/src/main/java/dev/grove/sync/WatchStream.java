package dev.grove.sync;

import dev.grove.Utf8;
import dev.grove.backend.BranchNames;
import dev.grove.backend.Subscription;
import dev.grove.hash.ObjectId;
import dev.grove.json.Json;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns a watch stream's server-sent events (docs/PROTOCOL.md, "Watch") into
 * {@link WatchListener} calls. Events of other names are ignored; a {@code refs} or {@code ref}
 * event that does not parse ends the stream with {@code bad_response}.
 */
final class WatchStream implements Transport.EventListener, Subscription {
  private final WatchListener listener;
  private Subscription connection;
  private boolean finished;

  WatchStream(WatchListener listener) {
    this.listener = listener;
  }

  /** Connects the stream to its transport handle. */
  void attach(Subscription opened) {
    boolean cancelNow;
    synchronized (this) {
      connection = opened;
      cancelNow = finished;
    }
    if (cancelNow) {
      opened.cancel();
    }
  }

  @Override
  public void event(String name, String data) {
    synchronized (this) {
      if (finished) {
        return;
      }
    }
    Function<String, SyncException> fail = m -> Errors.badResponse("watch event '" + Errors.quote(name) + "': " + m);
    try {
      if (name.equals("refs")) {
        Map<String, Object> doc = WireJson.object(Utf8.encode(data), fail);
        listener.refs(WireJson.parseBranches(doc.get("branches"), fail));
      } else if (name.equals("ref")) {
        Map<String, Object> doc = WireJson.object(Utf8.encode(data), fail);
        Object branch = doc.get("branch");
        if (!(branch instanceof String) || BranchNames.problem((String) branch) != null) {
          throw fail.apply("no valid 'branch'");
        }
        Object head = doc.get("head");
        ObjectId id = head == Json.NULL ? ObjectId.NONE : WireJson.id(head, "'head'", fail);
        listener.changed((String) branch, id);
      }
    } catch (SyncException e) {
      Subscription toCancel;
      synchronized (this) {
        finished = true;
        toCancel = connection;
      }
      if (toCancel != null) {
        toCancel.cancel();
      }
      listener.closed(e);
    }
  }

  @Override
  public void closed(RuntimeException error) {
    synchronized (this) {
      if (finished) {
        return;
      }
      finished = true;
    }
    listener.closed(error);
  }

  @Override
  public void cancel() {
    Subscription toCancel;
    synchronized (this) {
      finished = true;
      toCancel = connection;
    }
    if (toCancel != null) {
      toCancel.cancel();
    }
  }
}
