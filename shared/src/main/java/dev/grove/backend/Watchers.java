package dev.grove.backend;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The watchers of one backend, and in-order delivery to them: a shared piece for backends.
 *
 * <p>A backend {@link #enqueue enqueues} each change while it still holds whatever orders the
 * changes of a branch (its lock or critical section), so the queue has them in the order they
 * happened; then, outside any lock, it calls {@link #drain}. The thread that finds no delivery
 * under way delivers until the queue is empty. So calls never overlap, arrive in order, and a
 * watcher may write to the store from its callback (that change is delivered after). A watcher
 * that throws is reported on standard error and does not stop the others: the change is durable
 * and acknowledged whatever a watcher does.
 */
public final class Watchers {
  private final Object lock = new Object();
  private final List<RefWatcher> watchers = new ArrayList<>();
  private final ArrayDeque<RefChange> queue = new ArrayDeque<>();
  private boolean delivering;

  /** Adds a watcher. */
  public Subscription add(RefWatcher watcher) {
    synchronized (lock) {
      watchers.add(watcher);
    }
    return () -> {
      synchronized (lock) {
        watchers.remove(watcher);
      }
    };
  }

  /** Queues a change for delivery; call it while the change's order is still fixed (under the lock that made it). */
  public void enqueue(RefChange change) {
    synchronized (lock) {
      if (!watchers.isEmpty()) {
        queue.add(change);
      }
    }
  }

  /** Queues changes and delivers: for changes made under no lock of their own. */
  public void publish(List<RefChange> changes) {
    for (RefChange change : changes) {
      enqueue(change);
    }
    drain();
  }

  /** Delivers queued changes unless another thread is already doing so. Call outside any lock. */
  public void drain() {
    synchronized (lock) {
      if (delivering || queue.isEmpty()) {
        return;
      }
      delivering = true;
    }
    try {
      while (true) {
        RefChange next;
        List<RefWatcher> targets;
        synchronized (lock) {
          next = queue.poll();
          if (next == null) {
            delivering = false;
            return;
          }
          targets = new ArrayList<>(watchers);
        }
        for (RefWatcher watcher : targets) {
          try {
            watcher.onRefChanged(next);
          } catch (Throwable e) {
            System.err.println("grove: a ref watcher failed on " + next + ": " + e);
          }
        }
      }
    } finally {
      synchronized (lock) {
        delivering = false;
      }
    }
  }
}
