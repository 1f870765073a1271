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
   * Stores objects. Adding an object that is already stored is a no-op. When this returns, each
   * object is durable (as durable as the backend ever is) and readable. When it throws, some of
   * the objects may have been stored; none is ever stored partially.
   *
   * @throws BackendException on an I/O fault
   */
  void add(Collection<RawObject> objects);
}
