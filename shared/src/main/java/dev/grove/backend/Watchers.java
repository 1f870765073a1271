package dev.grove.backend;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The watchers of one backend, and in-order delivery to them: a shared piece for backends.
 *
 * <p>Changes are queued; the thread that finds no delivery under way delivers until the queue
 * is empty, outside any lock of the caller's. So calls never overlap, arrive in order, and a
 * watcher may write to the store from its callback (that change is delivered after).
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

  /** Whether anyone is watching; lets a backend skip work. */
  public boolean isEmpty() {
    synchronized (lock) {
      return watchers.isEmpty();
    }
  }

  /** Delivers {@code changes} to every watcher, in order. Call after the changes are durable. */
  public void publish(List<RefChange> changes) {
    synchronized (lock) {
      queue.addAll(changes);
      if (delivering || queue.isEmpty()) {
        return;
      }
      delivering = true;
    }
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
        } catch (RuntimeException e) {
          // The change is durable and acknowledged; a failing watcher must not undo that or
          // starve the others. Report and go on.
          System.err.println("grove: a ref watcher failed on " + next + ": " + e);
        }
      }
    }
  }
}
