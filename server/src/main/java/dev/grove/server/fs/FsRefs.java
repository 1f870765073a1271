package dev.grove.server.fs;

import dev.grove.backend.BackendException;
import dev.grove.backend.ObjectStore;
import dev.grove.backend.RefChange;
import dev.grove.backend.RefOutcome;
import dev.grove.backend.RefUpdate;
import dev.grove.backend.Watchers;
import dev.grove.hash.ObjectId;
import dev.grove.server.storage.BranchFileNames;
import dev.grove.server.storage.Durability;
import dev.grove.server.storage.FileLock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Branches as files {@code refs/NAME} holding the head's hex id, NAME percent-encoded (so
 * {@code a} and {@code a/b} can both exist). A change holds the branch's {@link FileLock}
 * ({@code locks/NAME}), reads and compares the current head, writes the new one to
 * {@code refs/NAME.lock} (created exclusively), fsyncs it, renames it over {@code refs/NAME} and
 * fsyncs the directory. Readers take no lock: the rename is atomic, they see the old or the new
 * head. A {@code .lock} file found while holding the branch's lock was left by a writer that
 * died, and is removed; one that a live writer is writing is never touched, because that writer
 * holds the lock.
 */
final class FsRefs {
  private static final String LOCK_SUFFIX = ".lock";

  private final Path dir;
  private final Path locks;
  private final Durability durability;
  private final ObjectStore objects;

  FsRefs(Path dir, Path locks, Durability durability, ObjectStore objects) {
    this.dir = dir;
    this.locks = locks;
    this.durability = durability;
    this.objects = objects;
  }

  Optional<ObjectId> read(String branch) {
    return readFile(dir.resolve(BranchFileNames.encode(branch)), branch);
  }

  SortedMap<String, ObjectId> list() {
    SortedMap<String, ObjectId> out = new TreeMap<>();
    try (var files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        if (name.endsWith(LOCK_SUFFIX)) {
          continue;
        }
        String branch = BranchFileNames.decode(name);
        readFile(file, branch).ifPresent(head -> out.put(branch, head));
      }
    } catch (IOException e) {
      throw new BackendException("io_error", "cannot list " + dir + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** Applies one compare-and-set; an applied change is queued on {@code watchers} while the branch is still locked. */
  RefOutcome compareAndSet(RefUpdate update, Watchers watchers) {
    String name = BranchFileNames.encode(update.branch());
    Path ref = dir.resolve(name);
    try (FileLock lock = FileLock.acquire(locks.resolve(name))) {
      ObjectId current = readFile(ref, update.branch()).orElse(ObjectId.NONE);
      if (!current.equals(update.expected())) {
        return RefOutcome.CAS_FAILED;
      }
      if (!update.next().isNone() && !objects.contains(update.next())) {
        return RefOutcome.MISSING_OBJECTS;
      }
      if (current.equals(update.next())) {
        return RefOutcome.NO_CHANGE;
      }
      if (update.next().isNone()) {
        Files.delete(ref);
        FsFiles.syncDirectory(dir, durability);
        watchers.enqueue(new RefChange(update.branch(), current, ObjectId.NONE));
        return RefOutcome.DELETED;
      }
      Path staged = dir.resolve(name + LOCK_SUFFIX);
      byte[] content = (update.next().hex() + "\n").getBytes(StandardCharsets.US_ASCII);
      try {
        FsFiles.writeNew(staged, durability, content);
      } catch (FileAlreadyExistsException e) {
        Files.delete(staged); // left by a writer that died: we hold the lock
        FsFiles.writeNew(staged, durability, content);
      }
      Files.move(staged, ref, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      FsFiles.syncDirectory(dir, durability);
      watchers.enqueue(new RefChange(update.branch(), current, update.next()));
      return current.isNone() ? RefOutcome.CREATED : RefOutcome.UPDATED;
    } catch (IOException e) {
      throw new BackendException("io_error", "cannot update branch '" + update.branch() + "': "
          + e.getMessage(), e);
    }
  }

  private static Optional<ObjectId> readFile(Path file, String branch) {
    String text;
    try {
      text = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).trim();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new BackendException("io_error", "cannot read branch '" + branch + "': " + e.getMessage(), e);
    }
    if (!ObjectId.isHex(text)) {
      throw new BackendException("corrupt_ref", "branch '" + branch + "' holds '" + text
          + "', not an object id");
    }
    return Optional.of(ObjectId.fromHex(text));
  }
}
