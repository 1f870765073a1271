package dev.grove.server.fs;

import dev.grove.backend.BackendException;
import dev.grove.backend.ObjectStore;
import dev.grove.hash.ObjectId;
import dev.grove.object.MalformedObjectException;
import dev.grove.object.ObjectType;
import dev.grove.object.RawObject;
import dev.grove.server.storage.Durability;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Objects as files {@code objects/ab/cdef…}, each holding Git's header {@code "type len\0"} and
 * the payload, uncompressed. Written to {@code objects/tmp/}, fsynced, renamed into place, the
 * directory fsynced; never changed afterwards. Every read verifies that the bytes hash to the id.
 */
final class FsObjects implements ObjectStore {
  private static final AtomicLong TEMP_COUNTER = new AtomicLong();
  private static final long PID = ProcessHandle.current().pid();

  private final Path root;
  private final Path tmp;
  private final Durability durability;

  FsObjects(Path root, Durability durability) {
    this.root = root;
    this.tmp = root.resolve("tmp");
    this.durability = durability;
  }

  @Override
  public Optional<RawObject> read(ObjectId id) {
    byte[] data;
    try {
      data = Files.readAllBytes(pathOf(id));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new BackendException("io_error", "cannot read object " + id.hex() + ": " + e.getMessage(), e);
    }
    return Optional.of(decode(id, data));
  }

  @Override
  public boolean contains(ObjectId id) {
    return Files.exists(pathOf(id));
  }

  /** Stores the objects not yet stored; returns when all are durable. */
  @Override
  public void add(Collection<RawObject> objects) {
    Set<Path> changedDirs = new LinkedHashSet<>();
    try {
      for (RawObject object : objects) {
        Path target = pathOf(object.id());
        if (Files.exists(target)) {
          continue;
        }
        Path dir = target.getParent();
        if (!Files.isDirectory(dir)) {
          Files.createDirectories(dir);
          changedDirs.add(root);
        }
        Path temp = tmp.resolve(PID + "-" + TEMP_COUNTER.incrementAndGet());
        FsFiles.writeNew(temp, durability, RawObject.header(object.type(), object.size()),
            object.payload());
        try {
          Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
          Files.deleteIfExists(temp); // another writer stored the same object meanwhile
          if (!Files.exists(target)) {
            throw e;
          }
        }
        changedDirs.add(dir);
      }
      for (Path dir : changedDirs) {
        FsFiles.syncDirectory(dir, durability);
      }
    } catch (IOException e) {
      throw new BackendException("io_error", "cannot write objects: " + e.getMessage(), e);
    }
  }

  /** Deletes temporary files of writers that are no longer running. */
  void removeLeftovers() {
    try (var files = Files.list(tmp)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        int dash = name.indexOf('-');
        long pid = dash > 0 ? parsePid(name.substring(0, dash)) : -1;
        if (pid > 0 && pid != PID && ProcessHandle.of(pid).isEmpty()) {
          Files.deleteIfExists(file);
        }
      }
    } catch (IOException e) {
      throw new BackendException("io_error", "cannot clean " + tmp + ": " + e.getMessage(), e);
    }
  }

  private static long parsePid(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private Path pathOf(ObjectId id) {
    String hex = id.hex();
    return root.resolve(hex.substring(0, 2)).resolve(hex.substring(2));
  }

  private static RawObject decode(ObjectId id, byte[] data) {
    int nul = -1;
    for (int i = 0; i < Math.min(data.length, 32); i++) {
      if (data[i] == 0) {
        nul = i;
        break;
      }
    }
    String header = nul < 0 ? "" : new String(data, 0, nul, StandardCharsets.US_ASCII);
    int space = header.indexOf(' ');
    try {
      if (space < 0) {
        throw new MalformedObjectException(id, "no object header");
      }
      ObjectType type = ObjectType.fromGitName(header.substring(0, space));
      long length = Long.parseLong(header.substring(space + 1));
      if (length != data.length - nul - 1) {
        throw new MalformedObjectException(id, "header says " + length + " bytes, file has "
            + (data.length - nul - 1));
      }
      return RawObject.verified(id, type, Arrays.copyOfRange(data, nul + 1, data.length));
    } catch (MalformedObjectException | NumberFormatException e) {
      throw new BackendException("corrupt_object", "object " + id.hex() + " is corrupt on disk: "
          + e.getMessage(), e);
    }
  }
}
