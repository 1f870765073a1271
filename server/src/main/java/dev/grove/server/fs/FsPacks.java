package dev.grove.server.fs;

import dev.grove.backend.BackendException;
import dev.grove.hash.ObjectId;
import dev.grove.server.storage.Durability;
import dev.grove.server.storage.FileLock;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The packs of {@code objects/pack/}, as this process last listed them. Writers in other
 * processes add packs at any time, and merging removes packs (after writing their objects into
 * a new one), so a lookup that misses, or finds its pack gone, lists the directory again
 * ({@link #refresh}): a pack's objects are in the listing until a pack holding them all is.
 *
 * <p>Writing: a batch's objects become one pack, written to {@code objects/tmp/}, fsynced,
 * renamed into {@code objects/pack/}, and the directory fsynced: two fsyncs per batch whatever
 * its size. Merging: when {@value #MERGE_AT} packs of one size class (object counts 1-15,
 * 16-255, 256-4095, ...) are listed, the writer that sees it (holding {@code locks/%packs}, so
 * one at a time) writes their objects into one pack the same way, then deletes them; a crash
 * between leaves the objects twice, which is harmless. A merge that fails (a damaged pack, a
 * full disk) is logged and does not fail the write that triggered it. So the number of small packs stays small
 * (fewer than {@value #MERGE_AT} per size class) and each object is rewritten once per class.
 * A pack that cannot be opened (damaged, or cut short by a power loss) is skipped and reported
 * by {@link #damaged()}: only its objects read as missing.
 * Only packs of fewer than {@value #MERGED_BELOW} objects and fewer than
 * {@value #MERGED_BYTES_BELOW} bytes (4 MiB) are merged: a merge runs inside the write that
 * triggered it, so it copies at most {@value #MERGE_AT} times that (64 MiB). It copies records
 * from file to file and holds only the packs' ids in memory. Larger packs come from large
 * batches (a clone, a big transaction, large values) or from merges, and stay as they are:
 * there are at most (objects / {@value #MERGED_BELOW}) + (bytes / 4 MiB) of them.
 */
final class FsPacks {
  private static final Logger LOG = LoggerFactory.getLogger(FsPacks.class);
  static final int MERGE_AT = 16;
  private static final int SETTLE_LISTINGS = 5;
  static final int MERGED_BELOW = 4096;
  static final long MERGED_BYTES_BELOW = 4L << 20;
  /** No branch's lock file has this name: encoded names have {@code %XX} with hex digits only. */
  private static final String MERGE_LOCK = "%packs";

  private final Path dir;
  private final Path locks;
  private final Supplier<Path> tempFiles;
  private final Durability durability;
  /** Smallest first: recent objects are in small packs. Replaced, never changed. */
  private volatile List<FsPack> packs = List.of();
  /**
   * Packs listed that could not be opened (header or entries damaged, cut short), with why:
   * skipped by lookups and merges, not opened again (packs never change), reported by
   * {@link #damaged()}. Replaced, never changed.
   */
  private volatile Map<Path, String> damaged = Map.of();

  FsPacks(Path dir, Path locks, Supplier<Path> tempFiles, Durability durability) {
    this.dir = dir;
    this.locks = locks;
    this.tempFiles = tempFiles;
    this.durability = durability;
  }

  /** Where {@code id} is among the packs known, or null (no listing). */
  FsPack.Location find(ObjectId id) {
    byte[] raw = id.toBytes();
    for (FsPack pack : packs) {
      FsPack.Location location = pack.find(raw);
      if (location != null) {
        return location;
      }
    }
    return null;
  }

  /**
   * Reads the record of {@code id}: from the packs known, else (when {@code refreshOnMiss})
   * from the packs listed anew. Empty when no pack has it.
   */
  Optional<byte[]> read(ObjectId id, boolean refreshOnMiss) {
    boolean refreshed = false;
    for (int attempt = 0; attempt < 5; attempt++) {
      FsPack.Location location = find(id);
      if (location == null) {
        if (!refreshOnMiss || refreshed) {
          return Optional.empty();
        }
        // Even when this listing finds nothing new, another thread's may just have: look again.
        refreshUntilSettled();
        refreshed = true;
        continue;
      }
      try {
        return Optional.of(location.pack().read(location));
      } catch (NoSuchFileException e) {
        refresh(); // merged into another pack meanwhile, which the listing now shows
      } catch (IOException e) {
        throw new BackendException("io_error", "cannot read object " + id.hex() + " from "
            + location.pack().file() + ": " + e.getMessage(), e);
      }
    }
    throw new BackendException("io_error", "cannot read object " + id.hex() + ": its pack was"
        + " merged away five times in a row");
  }

  /** Whether a pack holds {@code id}, listing the directory again when the packs known do not. */
  boolean contains(ObjectId id, boolean refreshOnMiss) {
    if (find(id) != null) {
      return true;
    }
    if (!refreshOnMiss) {
      return false;
    }
    refreshUntilSettled();
    return find(id) != null;
  }

  /**
   * Lists the directory until two listings in a row agree (at most {@value #SETTLE_LISTINGS}
   * listings). A listing taken while another process renames a merged pack in and deletes the
   * packs it merged may show neither (readdir during changes), and a miss must not rest on it.
   */
  private void refreshUntilSettled() {
    for (int i = 1; i < SETTLE_LISTINGS && refresh(); i++) {
      // refresh() returned true: this listing differs from the one before; list again.
    }
  }

  /**
   * Lists the directory; returns whether the packs changed. A pack listed but gone when opened
   * was merged into another pack, renamed in before it was deleted: the directory is listed
   * again until it opens what it lists.
   */
  synchronized boolean refresh() {
    while (true) {
      Map<Path, FsPack> known = new HashMap<>();
      for (FsPack pack : packs) {
        known.put(pack.file(), pack);
      }
      List<FsPack> next = new ArrayList<>();
      boolean changed = false;
      boolean vanished = false;
      Map<Path, String> stillDamaged = new TreeMap<>();
      for (Path file : listPackFiles()) {
        FsPack pack = known.remove(file);
        if (pack == null) {
          String damage = damaged.get(file);
          if (damage != null) {
            stillDamaged.put(file, damage);
            continue;
          }
          try {
            pack = FsPack.open(file);
            changed = true;
          } catch (NoSuchFileException e) {
            vanished = true;
            continue;
          } catch (BackendException | EOFException e) {
            // corrupt_pack, or cut short: skipped, so the other packs' objects still read and
            // this one's read as missing. Other I/O errors are not the pack's: they throw.
            String why = e instanceof EOFException ? "pack " + file + " is cut short" : e.getMessage();
            LOG.warn("skipping damaged pack {}: {}", file, why);
            stillDamaged.put(file, why);
            continue;
          } catch (IOException e) {
            throw new BackendException("io_error", "cannot open " + file + ": " + e.getMessage(), e);
          }
        }
        next.add(pack);
      }
      if (vanished) {
        continue;
      }
      damaged = Map.copyOf(stillDamaged);
      changed |= !known.isEmpty();
      next.sort(Comparator.comparingInt(FsPack::count));
      packs = List.copyOf(next);
      return changed;
    }
  }

  /**
   * Writes {@code records} (ids distinct, at least one) as one new pack, durable when this
   * returns (with FSYNC), then merges packs if a size class is full.
   */
  void write(List<FsPack.Record> records) {
    try {
      Path packFile = writePack(records);
      FsPack pack;
      try {
        pack = FsPack.open(packFile);
      } catch (NoSuchFileException e) {
        // Another process merged it already (into a pack written and synced before this one
        // was deleted): the listing shows where its objects are now.
        refresh();
        pack = null;
      }
      if (pack != null) {
        publish(pack);
      }
    } catch (IOException e) {
      throw new BackendException("io_error", "cannot write objects: " + e.getMessage(), e);
    }
    if (fullClass(packs) != null) {
      try {
        mergeIfFull();
      } catch (RuntimeException e) {
        // Housekeeping: the batch's pack is durable, so the write stands. The next write that
        // sees the class full tries again; a damaged pack keeps failing, as fsck reports.
        LOG.warn("cannot merge packs in {}; the write stands, packs stay unmerged: {}", dir,
            e.getMessage(), e);
      }
    }
  }

  private synchronized void publish(FsPack pack) {
    List<FsPack> next = new ArrayList<>(packs);
    next.removeIf(p -> p.file().equals(pack.file()));
    next.add(pack);
    next.sort(Comparator.comparingInt(FsPack::count));
    packs = List.copyOf(next);
  }

  /**
   * The packs that cannot be read (after listing the directory), each with why, in order of
   * file: their objects read as missing.
   */
  Map<Path, String> damaged() {
    refresh();
    return new TreeMap<>(damaged);
  }

  /** All packs' object ids that start with {@code hexPrefix} (after listing the directory). */
  List<ObjectId> idsStartingWith(String hexPrefix) {
    refresh();
    List<ObjectId> out = new ArrayList<>();
    for (FsPack pack : packs) {
      for (int i = 0; i < pack.count(); i++) {
        ObjectId id = pack.idAt(i);
        if (id.hex().startsWith(hexPrefix)) {
          out.add(id);
        }
      }
    }
    return out;
  }

  private Path writePack(List<? extends FsPack.Source> records) throws IOException {
    // dir exists: FsBackend creates it (init, or open upgrading a format 1 store) and syncs its parent.
    Path temp = tempFiles.get();
    String name;
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      name = FsPack.write(channel, records);
      if (durability == Durability.FSYNC) {
        channel.force(true);
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp); // else each failed attempt would leave one until a restart
      throw e;
    }
    Path target = dir.resolve(name);
    // The same name holds the same bytes: replacing a pack another writer just wrote is harmless.
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    FsFiles.syncDirectory(dir, durability);
    return target;
  }

  /** Merges a full size class, unless another writer is merging (it will see the packs). */
  private void mergeIfFull() {
    Optional<FileLock> held = FileLock.tryAcquire(locks.resolve(MERGE_LOCK));
    if (held.isEmpty()) {
      return;
    }
    try (FileLock lock = held.get()) {
      refresh();
      List<FsPack> full = fullClass(packs);
      if (full == null) {
        return;
      }
      // Records are copied from file to file (transferTo), never all held in memory.
      Map<FsPack, FileChannel> inputs = new HashMap<>();
      Path mergedFile;
      try {
        Map<ObjectId, FsPack.Source> copies = new LinkedHashMap<>();
        for (FsPack pack : full) {
          FileChannel in = FileChannel.open(pack.file(), StandardOpenOption.READ);
          inputs.put(pack, in);
          for (int i = 0; i < pack.count(); i++) {
            ObjectId id = pack.idAt(i);
            copies.putIfAbsent(id, new FsPack.Copy(id, pack.locationAt(i), in));
          }
        }
        mergedFile = writePack(new ArrayList<>(copies.values()));
      } finally {
        for (FileChannel in : inputs.values()) {
          in.close();
        }
      }
      // Only now, with the merged pack durable, may the others go.
      for (FsPack pack : full) {
        if (!pack.file().equals(mergedFile)) {
          Files.deleteIfExists(pack.file());
        }
      }
      refresh();
    } catch (IOException e) {
      throw new BackendException("io_error", "cannot merge packs in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The packs of the first size class holding {@value #MERGE_AT} or more, or null. */
  private static List<FsPack> fullClass(List<FsPack> packs) {
    TreeMap<Integer, List<FsPack>> classes = new TreeMap<>();
    for (FsPack pack : packs) {
      if (pack.count() < MERGED_BELOW && pack.size() < MERGED_BYTES_BELOW) {
        classes.computeIfAbsent(sizeClass(pack.count()), c -> new ArrayList<>()).add(pack);
      }
    }
    for (List<FsPack> members : classes.values()) {
      if (members.size() >= MERGE_AT) {
        return members;
      }
    }
    return null;
  }

  /** 0 for 1-15 objects, 1 for 16-255, 2 for 256-4095, ... */
  private static int sizeClass(int count) {
    return (31 - Integer.numberOfLeadingZeros(Math.max(count, 1))) / 4;
  }

  private List<Path> listPackFiles() {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (var files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (FsPack.countOf(file.getFileName().toString()) >= 0) {
          out.add(file);
        }
      }
    } catch (NoSuchFileException e) {
      return out;
    } catch (IOException e) {
      throw new BackendException("io_error", "cannot list " + dir + ": " + e.getMessage(), e);
    }
    return out;
  }
}
