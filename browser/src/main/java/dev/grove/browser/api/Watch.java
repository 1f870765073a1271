package dev.grove.browser.api;

import dev.grove.backend.Subscription;
import dev.grove.hash.ObjectId;
import dev.grove.path.Path;
import dev.grove.store.Repository;
import dev.grove.tree.Change;
import java.util.ArrayDeque;
import java.util.List;
import org.teavm.jso.JSObject;

/**
 * One {@code watch} or {@code watchKeys} subscription. The backend tells it of each move of the
 * branch, in whatever context the backend runs; it queues the move and delivers the queue, in
 * order, from a green thread of its own: computing a prefix's changes may read the backend
 * (and so block), and a slow or throwing callback never holds up the write that moved the
 * branch. Calls to one callback never overlap; after {@link #cancel} none starts.
 */
final class Watch {
  private final StoreJs store;
  private final String branch;
  /** The prefix watched, or null to be told of every move of the branch. */
  private final Path prefix;
  private final JSObject callback;
  private final ArrayDeque<ObjectId[]> moves = new ArrayDeque<>();
  private boolean delivering;
  private boolean cancelled;
  private Subscription subscription;

  private Watch(StoreJs store, String branch, Path prefix, JSObject callback) {
    this.store = store;
    this.branch = branch;
    this.prefix = prefix;
    this.callback = callback;
  }

  /** Subscribes {@code callback} to the moves of {@code branch}, or to its changes under {@code prefix}. */
  static Watch start(StoreJs store, String branch, Path prefix, JSObject callback) {
    Watch watch = new Watch(store, branch, prefix, callback);
    watch.subscription = store.repository().watch(branch, (name, oldHead, newHead) ->
        watch.queue(oldHead, newHead));
    return watch;
  }

  private void queue(ObjectId oldHead, ObjectId newHead) {
    if (cancelled) {
      return;
    }
    moves.add(new ObjectId[] {oldHead, newHead});
    if (!delivering) {
      delivering = true;
      Async.start(this::deliver);
    }
  }

  private void deliver() {
    while (true) {
      ObjectId[] move = moves.poll();
      if (move == null || cancelled) {
        moves.clear();
        delivering = false;
        return;
      }
      try {
        deliver(move[0], move[1]);
      } catch (Throwable failed) {
        // Reading the changes failed (the store was closed meanwhile, say): the callback cannot
        // be told this move; say so instead of dropping it silently.
        if (!cancelled) {
          Js.logError("grove: could not tell a watcher of branch '" + branch + "' of a change: "
              + failed.getMessage());
        }
      }
    }
  }

  private void deliver(ObjectId oldHead, ObjectId newHead) {
    JSObject event = Results.branchEvent(branch, Results.id(oldHead), Results.id(newHead));
    if (prefix == null) {
      Js.callSafely(callback, event, Js.undefined());
      return;
    }
    Repository repo = store.repository();
    List<Change> changes = repo.diff(oldHead, newHead, prefix);
    if (!changes.isEmpty() && !cancelled) {
      Js.callSafely(callback, Results.changes(changes), event);
    }
  }

  /** Stops the subscription; harmless when repeated. */
  void cancel() {
    if (cancelled) {
      return;
    }
    cancelled = true;
    moves.clear();
    subscription.cancel();
    store.forget(this);
  }
}
