package dev.grove.server.fs;

import dev.grove.backend.Backend;
import dev.grove.backend.BackendException;
import dev.grove.backend.BatchResult;
import dev.grove.backend.Capabilities;
import dev.grove.backend.ObjectStore;
import dev.grove.backend.RefStore;
import dev.grove.backend.RefWatcher;
import dev.grove.backend.Subscription;
import dev.grove.backend.Watchers;
import dev.grove.backend.WriteBatch;
import dev.grove.hash.ObjectId;
import dev.grove.server.storage.Durability;
import dev.grove.server.storage.RefBatches;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A backend in plain POSIX files: objects as content-addressed files, branches as files changed
 * under a lock. Several threads and several processes may use one directory at once:
 * compare-and-set holds between all of them.
 *
 * <p>Layout of the store directory:
 *
 * <pre>
 * grove-fs                   marks the directory as an fs store: "grove fs store, format 2";
 *                            format 1 (loose objects only) is upgraded when opened, a newer
 *                            format refused ({@code storage_version})
 * objects/pack/N-HASH.pack   N objects, each as Git's header and payload, uncompressed, with
 *                            an index of their ids ({@link FsPack}); one pack per write batch
 * objects/ab/cdef…           one object (stores written before packs; still read, never written)
 * objects/tmp/               packs being written
 * refs/NAME                  a branch: its head as hex; NAME percent-encoded
 * refs/NAME.lock             a new head being written
 * locks/NAME                 held (POSIX record lock) while a branch changes
 * locks/%names               held as well while a branch is created
 * locks/%packs               held while small packs are merged into one
 * </pre>
 *
 * A batch writes its objects first (one pack: a temporary file, fsynced, renamed into
 * {@code objects/pack/}, the directory fsynced), then each ref in order of name under its lock. POSIX cannot change
 * several files atomically, so multi-ref batches are not atomic ({@link Capabilities}).
 * Creating {@code x/y} while {@code x} exists (or the reverse) throws
 * {@link BackendException} {@code branch_name_conflict}, as in the git backend: the
 * check runs under the names lock, so two such creations racing each other cannot both pass.
 */
public final class FsBackend implements Backend, RefStore {
  static final String MARKER = "grove-fs";
  /** The format written; {@link #open} reads it and format 1 (loose objects only). */
  static final int FORMAT = 2;
  private static final String MARKER_CONTENT = "grove fs store, format " + FORMAT + " (packs)\n";
  private static final Pattern MARKER_TEXT = Pattern.compile("grove fs store, format (\\d+)");

  private final Path dir;
  private final FsObjects objects;
  private final FsRefs refs;
  private final Watchers watchers = new Watchers();

  private FsBackend(Path dir, Durability durability) {
    this.dir = dir;
    this.objects = new FsObjects(dir.resolve("objects"), dir.resolve("locks"), durability);
    this.refs = new FsRefs(dir.resolve("refs"), dir.resolve("locks"), durability, objects);
  }

  /**
   * Creates an empty store in {@code dir}, which must be absent or empty.
   *
   * @throws BackendException {@code store_exists} when {@code dir} is not empty
   */
  public static FsBackend init(Path dir, Durability durability) {
    try {
      if (Files.isDirectory(dir)) {
        try (var entries = Files.list(dir)) {
          if (entries.findAny().isPresent()) {
            throw new BackendException("store_exists", dir + " is not empty");
          }
        }
      }
      Files.createDirectories(dir.resolve("objects").resolve("tmp"));
      Files.createDirectories(dir.resolve("objects").resolve("pack"));
      Files.createDirectories(dir.resolve("refs"));
      Files.createDirectories(dir.resolve("locks"));
      FsFiles.writeDurably(dir.resolve(MARKER),
          MARKER_CONTENT.getBytes(StandardCharsets.UTF_8), durability);
      FsFiles.syncDirectory(dir, durability);
      return new FsBackend(dir, durability);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      // Another process created a store here at the same moment: its marker won.
      throw new BackendException("store_exists", dir + " is not empty: another store was created"
          + " there meanwhile", e);
    } catch (IOException e) {
      throw new BackendException("io_error", "cannot create a store in " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Opens the store in {@code dir}; removes temporary files left by writers that died.
   *
   * @throws BackendException {@code not_a_store} when {@code dir} holds no fs store;
   *     {@code storage_version} when it is of a format newer than {@link #FORMAT}
   */
  public static FsBackend open(Path dir, Durability durability) {
    if (!isStore(dir)) {
      throw new BackendException("not_a_store", dir + " is not a Grove fs store");
    }
    int format = formatOf(dir);
    if (format > FORMAT) {
      throw new BackendException("storage_version", dir + " is an fs store of format " + format
          + ", which this Grove cannot read (it reads formats 1 to " + FORMAT + "): use a newer Grove");
    }
    FsBackend backend = new FsBackend(dir, durability);
    if (format < FORMAT) {
      backend.upgradeFromFormat1(durability);
    }
    backend.objects.removeLeftovers();
    return backend;
  }

  /** The format the marker states. */
  private static int formatOf(Path dir) {
    String marker;
    try (var in = Files.newInputStream(dir.resolve(MARKER))) {
      marker = new String(in.readNBytes(256), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BackendException("io_error", "cannot read " + dir.resolve(MARKER) + ": " + e.getMessage(), e);
    }
    Matcher matcher = MARKER_TEXT.matcher(marker);
    if (!matcher.lookingAt()) {
      throw new BackendException("not_a_store", dir + " is not a Grove fs store: its " + MARKER
          + " file does not say 'grove fs store, format N'");
    }
    try {
      return Integer.parseInt(matcher.group(1));
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE; // more digits than an int: certainly newer
    }
  }

  /**
   * Format 1 stores (loose objects only) are upgraded in place: their loose objects stay and are
   * still read, so only {@code objects/pack/} is added (and {@code objects/} synced, so the
   * directory cannot vanish under packs written into it), then the marker is replaced atomically.
   * Several processes may do this at once: each step is idempotent.
   */
  private void upgradeFromFormat1(Durability durability) {
    try {
      Path objectsDir = dir.resolve("objects");
      Files.createDirectories(objectsDir.resolve("tmp"));
      Files.createDirectories(objectsDir.resolve("pack"));
      FsFiles.syncDirectory(objectsDir, durability);
      Path temp = objectsDir.resolve("tmp").resolve(ProcessHandle.current().pid() + "-marker-"
          + System.nanoTime());
      FsFiles.writeNew(temp, durability, MARKER_CONTENT.getBytes(StandardCharsets.UTF_8));
      Files.move(temp, dir.resolve(MARKER), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      FsFiles.syncDirectory(dir, durability);
    } catch (IOException e) {
      throw new BackendException("io_error", "cannot upgrade the fs store in " + dir
          + " to format " + FORMAT + ": " + e.getMessage(), e);
    }
  }

  /** Whether {@code dir} holds an fs store. */
  public static boolean isStore(Path dir) {
    return Files.isRegularFile(dir.resolve(MARKER));
  }

  /**
   * Problems of the store's files that no object read names: each pack file that cannot be
   * opened (damaged, cut short), as its path inside the store and why. Its objects read as
   * missing; the other packs' objects still read. For {@code grove fsck}.
   */
  public SortedMap<String, String> damagedFiles() {
    SortedMap<String, String> out = new TreeMap<>();
    objects.damagedPacks().forEach((file, why) ->
        out.put(dir.relativize(file).toString().replace(File.separatorChar, '/'), why));
    return out;
  }

  /**
   * The ids of the objects stored whose hex starts with {@code hexPrefix} (at least two hex
   * digits, lower case), packed or loose: for abbreviated ids.
   */
  public List<ObjectId> objectIdsStartingWith(String hexPrefix) {
    if (hexPrefix.length() < 2 || !hexPrefix.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new IllegalArgumentException("not a prefix of two or more hex digits: " + hexPrefix);
    }
    return objects.idsStartingWith(hexPrefix);
  }

  /** The store directory. */
  public Path directory() {
    return dir;
  }

  @Override
  public ObjectStore objects() {
    return objects;
  }

  @Override
  public RefStore refs() {
    return this;
  }

  @Override
  public Capabilities capabilities() {
    return new Capabilities(false, true);
  }

  @Override
  public Optional<ObjectId> readRef(String branch) {
    return refs.read(branch);
  }

  @Override
  public SortedMap<String, ObjectId> listRefs() {
    return refs.list();
  }

  @Override
  public Subscription watch(RefWatcher watcher) {
    return watchers.add(watcher);
  }

  @Override
  public BatchResult write(WriteBatch batch) {
    objects.add(batch.objects()); // objects before refs, always
    return RefBatches.apply(batch.refUpdates(), refs::compareAndSet, watchers);
  }

  @Override
  public void close() {
    // Nothing is held open between calls.
  }
}
