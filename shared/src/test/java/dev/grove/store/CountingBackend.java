package dev.grove.store;

import dev.grove.backend.Backend;
import dev.grove.backend.BatchResult;
import dev.grove.backend.Capabilities;
import dev.grove.backend.ObjectStore;
import dev.grove.backend.RefStore;
import dev.grove.backend.WriteBatch;
import dev.grove.backend.memory.MemoryBackend;
import dev.grove.hash.ObjectId;
import dev.grove.object.RawObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** A memory backend that records every object read and written, and counts look-ups. */
public final class CountingBackend implements Backend, ObjectStore {
  public CountingBackend() {}

  private final MemoryBackend inner = new MemoryBackend();
  public final List<ObjectId> reads = new ArrayList<>();
  public final List<RawObject> written = new ArrayList<>();
  /** Calls of {@code contains} and {@code containsAll}: each a look-up a slow store pays once. */
  public int lookups;

  public void reset() {
    reads.clear();
    written.clear();
    lookups = 0;
  }

  @Override
  public ObjectStore objects() {
    return this;
  }

  @Override
  public RefStore refs() {
    return inner.refs();
  }

  @Override
  public Optional<RawObject> read(ObjectId id) {
    reads.add(id);
    return inner.read(id);
  }

  @Override
  public boolean contains(ObjectId id) {
    lookups++;
    return inner.contains(id);
  }

  @Override
  public boolean containsAll(Collection<ObjectId> ids) {
    lookups++;
    return inner.containsAll(ids);
  }

  @Override
  public void add(Collection<RawObject> objects) {
    written.addAll(objects);
    inner.add(objects);
  }

  @Override
  public BatchResult write(WriteBatch batch) {
    written.addAll(batch.objects());
    return inner.write(batch);
  }

  @Override
  public Capabilities capabilities() {
    return inner.capabilities();
  }

  @Override
  public void close() {
    inner.close();
  }
}
