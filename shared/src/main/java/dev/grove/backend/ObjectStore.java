package dev.grove.backend;

import dev.grove.hash.ObjectId;
import dev.grove.object.RawObject;
import java.util.Collection;
import java.util.Optional;

/**
 * The content-addressed, append-only half of a backend.
 *
 * <p>Objects never change and are never deleted by normal operation. Every method is safe to
 * call from several threads at once. Ordering rule: an object must be readable here before any
 * ref points to it or to anything that reaches it; the store core ensures this by handing
 * objects and ref updates together in a {@link WriteBatch}, children before parents.
 */
public interface ObjectStore {

  /**
   * Reads the object {@code id}. An absent object is a normal answer ({@code Optional.empty()}),
   * not an exception.
   *
   * @throws BackendException on an I/O fault, or when the stored bytes are corrupt (do not hash
   *     to {@code id}); the exception names the id
   */
  Optional<RawObject> read(ObjectId id);

  /** Whether the object {@code id} is stored. */
  boolean contains(ObjectId id);

  /**
   * Whether every object of {@code ids} is stored (true for none): the same answer as
   * {@link #contains} for each, in one go. A backend whose each look-up has a fixed cost (an
   * IndexedDB transaction) overrides it to pay that cost once; the default asks
   * {@link #contains} for each, stopping at the first absent one.
   *
   * @throws BackendException on an I/O fault
   */
  default boolean containsAll(Collection<ObjectId> ids) {
    for (ObjectId id : ids) {
      if (!contains(id)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Stores objects. Adding an object that is already stored is a no-op. When this returns, each
   * object is durable (as durable as the backend ever is) and readable. When it throws, some of
   * the objects may have been stored; none is ever stored partially.
   *
   * @throws BackendException on an I/O fault
   */
  void add(Collection<RawObject> objects);
}
