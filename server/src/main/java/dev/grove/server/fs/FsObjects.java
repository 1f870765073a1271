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
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Objects in packs ({@link FsPacks}: {@code objects/pack/COUNT-HASH.pack}) and, from stores
 * written before packs, as loose files {@code objects/ab/cdef…}, each holding Git's header
 * {@code "type len\0"} and the payload, uncompressed (a pack's records have the same form).
 * Every batch is written as one pack: one fsync of its file and one of the directory, whatever
 * the batch's size. Never changed afterwards (merging packs copies objects, then deletes the
 * copied packs). Every read verifies that the bytes hash to the id.
 */
final class FsObjects implements ObjectStore {
  private static final AtomicLong TEMP_COUNTER = new AtomicLong();
  private static final long PID = ProcessHandle.current().pid();

  private final Path root;
  private final Path tmp;
  private final FsPacks packs;

  FsObjects(Path root, Path locks, Durability durability) {
    this.root = root;
    this.tmp = root.resolve("tmp");
    this.packs = new FsPacks(root.resolve("pack"), locks,
        () -> tmp.resolve(PID + "-" + TEMP_COUNTER.incrementAndGet()), durability);
  }

  @Override
  public Optional<RawObject> read(ObjectId id) {
    Optional<byte[]> data = packs.read(id, false);
    if (data.isEmpty()) {
      data = readLoose(id);
    }
    if (data.isEmpty()) {
      data = packs.read(id, true);
    }
    return data.map(bytes -> decode(id, bytes));
  }

  @Override
  public boolean contains(ObjectId id) {
    return packs.contains(id, false) || Files.exists(pathOf(id)) || packs.contains(id, true);
  }

  /**
   * Stores the objects not yet stored, as one pack; returns when it is durable. An object is
   * looked for among the packs this process knows and the loose files, without listing the
   * packs again: one another process has just stored is stored twice, which is harmless.
   */
  @Override
  public void add(Collection<RawObject> objects) {
    Map<ObjectId, FsPack.Record> records = new LinkedHashMap<>();
    for (RawObject object : objects) {
      ObjectId id = object.id();
      if (!records.containsKey(id) && !packs.contains(id, false) && !Files.exists(pathOf(id))) {
        records.put(id, new FsPack.Record(id, RawObject.header(object.type(), object.size()),
            object.payload()));
      }
    }
    if (!records.isEmpty()) {
      packs.write(new ArrayList<>(records.values()));
    }
  }

  /** The packs that cannot be read, each with why ({@link FsPacks#damaged()}). */
  SortedMap<Path, String> damagedPacks() {
    return new TreeMap<>(packs.damaged());
  }

  /** Object ids stored (packed or loose) that start with {@code hexPrefix}, two or more hex digits. */
  List<ObjectId> idsStartingWith(String hexPrefix) {
    List<ObjectId> out = new ArrayList<>(packs.idsStartingWith(hexPrefix));
    Path dir = root.resolve(hexPrefix.substring(0, 2));
    if (Files.isDirectory(dir)) {
      try (var files = Files.list(dir)) {
        files.map(f -> hexPrefix.substring(0, 2) + f.getFileName())
            .filter(name -> name.startsWith(hexPrefix) && ObjectId.isHex(name))
            .forEach(name -> out.add(ObjectId.fromHex(name)));
      } catch (IOException e) {
        throw new BackendException("io_error", "cannot list " + dir + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  private Optional<byte[]> readLoose(ObjectId id) {
    try {
      return Optional.of(Files.readAllBytes(pathOf(id)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new BackendException("io_error", "cannot read object " + id.hex() + ": " + e.getMessage(), e);
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
