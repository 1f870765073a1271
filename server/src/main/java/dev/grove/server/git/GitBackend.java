package dev.grove.server.git;

import dev.grove.backend.Backend;
import dev.grove.backend.BackendException;
import dev.grove.backend.BatchResult;
import dev.grove.backend.Capabilities;
import dev.grove.backend.ObjectStore;
import dev.grove.backend.RefStore;
import dev.grove.backend.RefUpdate;
import dev.grove.backend.RefWatcher;
import dev.grove.backend.Subscription;
import dev.grove.backend.Watchers;
import dev.grove.backend.WriteBatch;
import dev.grove.hash.ObjectId;
import dev.grove.server.storage.Durability;
import dev.grove.server.storage.RefBatches;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;

/**
 * A backend in an ordinary bare Git repository, through JGit: {@code git log}, {@code git fsck},
 * {@code git clone} and stock Git writers work on it. Branch {@code NAME} is
 * {@code refs/heads/NAME}; {@code HEAD} points to {@code refs/heads/main}. Safe for many threads
 * and, with each other and with stock Git, for several processes.
 *
 * <p><b>Writes.</b> A batch stores its objects first: when at least 100 of them are not stored
 * yet, as one pack with its index (see {@code GitPackWriter}: written under a temporary name,
 * fsynced, then the pack and after it the index renamed into {@code objects/pack}, and opened
 * at once for this process's readers), otherwise as loose objects ({@code ObjectInserter}, then
 * {@code flush()}). Then it applies its ref updates one by one in order of branch name, each on its
 * own: not atomic across refs ({@link Capabilities}). Each update holds the branch's Grove lock
 * ({@code grove-locks/NAME}, a {@link dev.grove.server.storage.FileLock}, NAME percent-encoded),
 * compares the current head with the expected one ({@code CAS_FAILED}), checks that the new head
 * is stored ({@code MISSING_OBJECTS}), then runs a forced JGit {@code RefUpdate} with
 * {@code setExpectedOldObjectId} (forced: the core, not the backend, checks fast-forwards). JGit
 * creates {@code refs/heads/NAME.lock} exclusively and compares again under it, which excludes
 * other processes, stock Git included. Creating {@code x/y} while {@code x} exists (or the
 * reverse) is impossible in Git and throws {@link BackendException} {@code branch_name_conflict}.
 *
 * <p><b>Stale locks.</b> A writer killed mid-update can leave {@code refs/heads/NAME.lock}
 * behind, after which every update of the branch would fail. When JGit reports a lock failure
 * although the head is the expected one, a {@code .lock} is in the way. Every Grove writer of
 * the repository holds the branch's Grove lock while updating, so the {@code .lock} belongs to a
 * dead writer or to a non-Grove one (stock Git holds its locks for milliseconds): when it is older
 * than two seconds it is deleted and the update retried once; a younger one answers
 * {@code CAS_FAILED}, and the core retries. (A stale {@code packed-refs.lock}, which a delete
 * also takes, is not recovered: the delete fails with {@code io_error}.)
 *
 * <p><b>Temporary files.</b> A writer killed mid-write also leaves JGit's temporary pack, index
 * or object files in {@code objects/}, which nothing reads and {@code git gc} keeps.
 * {@link #open} and each pack write remove those untouched for a day
 * ({@code GitLeftovers}); younger ones may belong to a live writer in another process.
 * Nothing repacks: {@code git gc} combines the packs, safely while nothing writes.
 *
 * <p><b>Durability.</b> With {@link Durability#FSYNC}, JGit is configured (in memory, see
 * {@link GitFsync}) with {@code core.fsyncObjectFiles} and {@code core.fsyncRefFiles}, so it
 * fsyncs each loose object file before renaming it into place and each ref's {@code .lock} file
 * before renaming it over the ref (a new pack and its index are fsynced before their renames
 * whatever the durability); this backend then fsyncs the {@code objects/xx} directories of the
 * batch's loose objects, or {@code objects/pack}, and {@code objects/} before any ref
 * changes, and after each ref change the directories from the ref's up to {@code refs/heads}
 * (and the git directory after a delete, which may rewrite {@code packed-refs}, a file JGit always
 * fsyncs). {@link #init} also fsyncs every file and directory it created, and the parent. With
 * {@link Durability#NO_FSYNC} this backend fsyncs nothing itself and leaves the config as it is.
 *
 * <p><b>Reads.</b> Objects are read with JGit's {@code ObjectReader}, loose or packed, and
 * verified against their id ({@code corrupt_object} on a mismatch). Annotated tags are not Grove
 * objects: reading one answers {@code corrupt_object}, as it can only be reached through a
 * reference that is broken for Grove. Watchers hear of the changes made through this instance
 * (queued under the branch's lock, delivered after the batch); changes made by other processes
 * are not observed.
 */
public final class GitBackend implements Backend, RefStore {
  private static final String MAIN = Constants.R_HEADS + "main";

  private final Path dir;
  private final Repository repo;
  private final GitObjects objects;
  private final GitRefs refs;
  private final Watchers watchers = new Watchers();
  private final AtomicBoolean closed = new AtomicBoolean();

  private GitBackend(Path dir, Repository repo, Durability durability) {
    this.dir = dir;
    this.repo = repo;
    this.objects = new GitObjects(repo, durability);
    this.refs = new GitRefs(repo, durability, objects);
  }

  /**
   * Creates an empty bare repository in {@code dir}, which must be absent or empty, with
   * {@code HEAD} pointing to {@code refs/heads/main}.
   *
   * @throws BackendException {@code store_exists} when {@code dir} is not empty, or another
   *     process creates a repository there at the same time (nothing of it is touched)
   */
  public static GitBackend init(Path dir, Durability durability) {
    try {
      if (Files.isDirectory(dir)) {
        try (var entries = Files.list(dir)) {
          if (entries.findAny().isPresent()) {
            throw new BackendException("store_exists", dir + " is not empty");
          }
        }
      }
      Files.createDirectories(dir);
      Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
      try {
        try {
          repo.create(true);
        } catch (IllegalStateException | IOException e) {
          // Another process created a repository here since the check: JGit then finds its
          // config ("Repository already exists") or fails to make refs/, which only one can make.
          if (e instanceof IllegalStateException || Files.isDirectory(dir.resolve("refs"))) {
            throw new BackendException("store_exists", dir + " is not empty: another repository was just created there", e);
          }
          throw e;
        }
        GitFsync.ensure(repo, durability);
        org.eclipse.jgit.lib.RefUpdate head = repo.updateRef(Constants.HEAD);
        head.disableRefLog();
        head.link(MAIN); // a new JGit repository points HEAD at master
        if (durability == Durability.FSYNC) {
          syncTree(dir);
        }
        return new GitBackend(dir, repo, durability);
      } catch (IOException | RuntimeException e) {
        repo.close();
        throw e;
      }
    } catch (IOException e) {
      throw new BackendException("io_error", "cannot create a repository in " + dir + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * Opens the bare repository in {@code dir}.
   *
   * @throws BackendException {@code not_a_store} when {@code dir} is not a bare Git repository
   */
  public static GitBackend open(Path dir, Durability durability) {
    Repository repo = openRepository(dir);
    if (repo == null) {
      throw new BackendException("not_a_store", dir + " is not a Git repository");
    }
    if (!repo.isBare()) {
      repo.close();
      throw new BackendException("not_a_store", dir + " is a Git repository with a work tree;"
          + " the git backend needs a bare one (git init --bare, git clone --bare)");
    }
    GitLeftovers.remove(repo.getDirectory().toPath().resolve("objects"),
        System.currentTimeMillis());
    return new GitBackend(dir, repo, durability);
  }

  /** Whether {@code dir} holds a bare Git repository. */
  public static boolean isStore(Path dir) {
    Repository repo = openRepository(dir);
    if (repo == null) {
      return false;
    }
    try {
      return repo.isBare();
    } finally {
      repo.close();
    }
  }

  /** The repository (the git directory). */
  public Path directory() {
    return dir;
  }

  @Override
  public ObjectStore objects() {
    ensureOpen();
    return objects;
  }

  @Override
  public RefStore refs() {
    ensureOpen();
    return this;
  }

  @Override
  public Capabilities capabilities() {
    return new Capabilities(false, true);
  }

  @Override
  public Optional<ObjectId> readRef(String branch) {
    ensureOpen();
    return refs.read(branch);
  }

  @Override
  public SortedMap<String, ObjectId> listRefs() {
    ensureOpen();
    return refs.list();
  }

  @Override
  public Subscription watch(RefWatcher watcher) {
    return watchers.add(watcher);
  }

  @Override
  public BatchResult write(WriteBatch batch) {
    ensureOpen();
    objects.add(batch.objects()); // objects before refs, always
    return RefBatches.apply(batch.refUpdates(), refs::compareAndSet, watchers);
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      repo.close();
    }
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new BackendException("closed", "the git backend of " + dir + " is closed");
    }
  }

  /** The repository in {@code dir}, or null when there is none. */
  private static Repository openRepository(Path dir) {
    if (!RepositoryCache.FileKey.isGitRepository(dir.toFile(), FS.DETECTED)) {
      return null;
    }
    try {
      return new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  /** fsyncs every file and directory of the new repository {@code dir}, then its parent. */
  private static void syncTree(Path dir) throws IOException {
    List<Path> entries;
    try (var walk = Files.walk(dir)) {
      entries = walk.collect(Collectors.toList());
    }
    Collections.reverse(entries); // children before their directory
    for (Path entry : entries) {
      try (FileChannel channel = FileChannel.open(entry, StandardOpenOption.READ)) {
        channel.force(true);
      }
    }
    GitObjects.syncDirectory(dir.toAbsolutePath().getParent());
  }
}
