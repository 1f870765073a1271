package dev.grove.server.http;

import dev.grove.backend.RefChange;
import dev.grove.backend.RefStore;
import dev.grove.backend.Subscription;
import dev.grove.hash.ObjectId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The branch changes of one served repository, for its watch streams: those the backend reports
 * ({@link RefStore#watch}: pushes over the protocol, which write through the backend) and those
 * {@link #publish published} by Git's receive-pack, which writes refs itself. Listeners are called
 * on the writer's thread and must only queue the change.
 *
 * <p>The two sources are not ordered with each other (Git's hook runs after JGit let go of the
 * ref, so a protocol push may be reported first), and clients skip a sync when the last head
 * they were told equals theirs. So what is delivered is not the head a change carries but the
 * branch's head read when the change is reported, under one lock: the heads delivered for a
 * branch follow its real order, and the last one delivered is the branch's head after the last
 * change. A read that finds the head already delivered delivers nothing.
 *
 * <p>Changes made by other processes (such as {@code grove --repo DATA/NAME set ...} while the
 * server runs) are not seen: the backends report only their own writes.
 */
final class RefEvents implements AutoCloseable {
  /** Told of each change; must return quickly and not throw. */
  interface Listener {
    void changed(RefChange change);

    /** The repository is closing: no more changes. */
    void closed();
  }

  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final RefStore refs;
  private final Map<String, ObjectId> delivered = new HashMap<>();
  private final Subscription backendSubscription;
  private volatile boolean closed;

  RefEvents(RefStore refs) {
    this.refs = refs;
    this.backendSubscription = refs.watch(this::deliver);
  }

  /** Adds a listener; when already closed, it is told so at once. */
  Subscription subscribe(Listener listener) {
    listeners.add(listener);
    if (closed) {
      listeners.remove(listener);
      listener.closed();
    }
    return () -> listeners.remove(listener);
  }

  /** Reports changes made behind the backend's back (by Git's receive-pack), in order. */
  void publish(List<RefChange> changes) {
    for (RefChange change : changes) {
      deliver(change);
    }
  }

  private synchronized void deliver(RefChange change) {
    String branch = change.branch();
    ObjectId head = refs.readRef(branch).orElse(ObjectId.NONE);
    ObjectId before = delivered.getOrDefault(branch, change.oldHead());
    if (delivered.containsKey(branch) && head.equals(before)) {
      return;
    }
    delivered.put(branch, head);
    RefChange current = new RefChange(branch, before, head);
    for (Listener listener : listeners) {
      listener.changed(current);
    }
  }

  /** Stops watching the backend and tells every listener that the stream ends. */
  @Override
  public void close() {
    closed = true;
    backendSubscription.cancel();
    for (Listener listener : listeners) {
      listeners.remove(listener);
      listener.closed();
    }
  }
}
