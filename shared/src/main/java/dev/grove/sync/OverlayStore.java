package dev.grove.sync;

import dev.grove.backend.ObjectStore;
import dev.grove.hash.ObjectId;
import dev.grove.object.RawObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Received objects not yet written, read through before a store's own: for checks before a write. Read-only. */
final class OverlayStore implements ObjectStore {
  private final Map<ObjectId, RawObject> received;
  private final ObjectStore stored;

  OverlayStore(Map<ObjectId, RawObject> received, ObjectStore stored) {
    this.received = received;
    this.stored = stored;
  }

  @Override
  public Optional<RawObject> read(ObjectId id) {
    RawObject object = received.get(id);
    return object != null ? Optional.of(object) : stored.read(id);
  }

  @Override
  public boolean contains(ObjectId id) {
    return received.containsKey(id) || stored.contains(id);
  }

  @Override
  public boolean containsAll(Collection<ObjectId> ids) {
    List<ObjectId> notReceived = new ArrayList<>();
    for (ObjectId id : ids) {
      if (!received.containsKey(id)) {
        notReceived.add(id);
      }
    }
    return stored.containsAll(notReceived);
  }

  @Override
  public void add(Collection<RawObject> objects) {
    throw new UnsupportedOperationException("an overlay is read-only");
  }
}
