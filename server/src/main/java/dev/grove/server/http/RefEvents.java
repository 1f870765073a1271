package dev.grove.server.http;

import dev.grove.backend.RefChange;
import dev.grove.backend.RefStore;
import dev.grove.backend.Subscription;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The branch changes of one served repository, for its watch streams: those the backend reports
 * ({@link RefStore#watch}: pushes over the protocol, which write through the backend) and those
 * {@link #publish published} by Git's receive-pack, which writes refs itself. Listeners are called
 * on the writer's thread and must only queue the change.
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
  private final Subscription backendSubscription;
  private volatile boolean closed;

  RefEvents(RefStore refs) {
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

  private void deliver(RefChange change) {
    for (Listener listener : listeners) {
      listener.changed(change);
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
