package dev.grove.backend.memory;

import dev.grove.backend.Backend;
import dev.grove.backend.BackendException;
import dev.grove.backend.BatchResult;
import dev.grove.backend.Capabilities;
import dev.grove.backend.ObjectStore;
import dev.grove.backend.RefChange;
import dev.grove.backend.RefOutcome;
import dev.grove.backend.RefStore;
import dev.grove.backend.RefUpdate;
import dev.grove.backend.Subscription;
import dev.grove.backend.Watchers;
import dev.grove.backend.WriteBatch;
import dev.grove.backend.RefWatcher;
import dev.grove.hash.ObjectId;
import dev.grove.object.RawObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A backend in memory: the reference implementation. Each batch is one critical section, so
 * its ref updates are atomic together. Nothing survives the process.
 */
public final class MemoryBackend implements Backend, ObjectStore, RefStore {
  private final Object lock = new Object();
  private final Map<ObjectId, RawObject> objects = new HashMap<>();
  private final TreeMap<String, ObjectId> refs = new TreeMap<>();
  private final Watchers watchers = new Watchers();
  private boolean closed;

  @Override
  public ObjectStore objects() {
    return this;
  }

  @Override
  public RefStore refs() {
    return this;
  }

  @Override
  public Capabilities capabilities() {
    return new Capabilities(true, false);
  }

  @Override
  public Optional<RawObject> read(ObjectId id) {
    synchronized (lock) {
      checkOpen();
      return Optional.ofNullable(objects.get(id));
    }
  }

  @Override
  public boolean contains(ObjectId id) {
    synchronized (lock) {
      checkOpen();
      return objects.containsKey(id);
    }
  }

  @Override
  public void add(Collection<RawObject> added) {
    synchronized (lock) {
      checkOpen();
      for (RawObject object : added) {
        objects.putIfAbsent(object.id(), object);
      }
    }
  }

  @Override
  public Optional<ObjectId> readRef(String branch) {
    synchronized (lock) {
      checkOpen();
      return Optional.ofNullable(refs.get(branch));
    }
  }

  @Override
  public SortedMap<String, ObjectId> listRefs() {
    synchronized (lock) {
      checkOpen();
      return new TreeMap<>(refs);
    }
  }

  @Override
  public Subscription watch(RefWatcher watcher) {
    return watchers.add(watcher);
  }

  @Override
  public BatchResult write(WriteBatch batch) {
    List<RefOutcome> outcomes = new ArrayList<>();
    synchronized (lock) {
      checkOpen();
      for (RawObject object : batch.objects()) {
        objects.putIfAbsent(object.id(), object);
      }
      boolean failed = false;
      for (RefUpdate update : batch.refUpdates()) {
        RefOutcome outcome = check(update);
        failed |= !outcome.succeeded();
        outcomes.add(outcome);
      }
      if (failed) {
        for (int i = 0; i < outcomes.size(); i++) {
          if (outcomes.get(i).succeeded()) {
            outcomes.set(i, RefOutcome.ABORTED);
          }
        }
      } else {
        for (RefUpdate update : batch.refUpdates()) {
          ObjectId old = refs.getOrDefault(update.branch(), ObjectId.NONE);
          if (old.equals(update.next())) {
            continue;
          }
          if (update.next().isNone()) {
            refs.remove(update.branch());
          } else {
            refs.put(update.branch(), update.next());
          }
          watchers.enqueue(new RefChange(update.branch(), old, update.next()));
        }
      }
    }
    watchers.drain();
    return new BatchResult(outcomes);
  }

  private RefOutcome check(RefUpdate update) {
    ObjectId current = refs.getOrDefault(update.branch(), ObjectId.NONE);
    if (!current.equals(update.expected())) {
      return RefOutcome.CAS_FAILED;
    }
    if (!update.next().isNone() && !objects.containsKey(update.next())) {
      return RefOutcome.MISSING_OBJECTS;
    }
    if (update.expected().equals(update.next())) {
      return RefOutcome.NO_CHANGE;
    }
    if (update.expected().isNone()) {
      return RefOutcome.CREATED;
    }
    return update.next().isNone() ? RefOutcome.DELETED : RefOutcome.UPDATED;
  }

  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new BackendException("closed", "the memory backend is closed");
    }
  }
}
