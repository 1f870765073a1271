package dev.grove.server.bench;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The reference: what a JGit application does to make the same commits as Grove, with JGit
 * used directly. Like an application that caches its tree, it keeps the current tree structure
 * in memory (names and ids, no values), so a commit costs only the writes: the new blob, the
 * trees along the changed path ({@link TreeFormatter}, entries in Git order), the commit
 * ({@link CommitBuilder}), all through one {@link ObjectInserter} and one {@code flush()}; then
 * a {@link RefUpdate} of {@code refs/heads/main} with {@code setExpectedOldObjectId} (a
 * compare-and-set; forced, as JGit's own {@code CommitCommand} does, since the new commit's
 * parent is the expected head). Loose objects, as Grove's git backend writes them.
 *
 * <p>Durability: {@link Sync#NONE} fsyncs nothing. {@link Sync#FILES} sets
 * {@code core.fsyncObjectFiles} and {@code core.fsyncRefFiles} (saved in the repository's
 * config): JGit fsyncs each loose object file before its rename and the ref's lock file before
 * its rename, and no directory. {@link Sync#FILES_AND_DIRS} adds what JGit does not do but
 * Grove's git backend does: fsync the {@code objects/xx} directories of the new objects and
 * {@code objects/} after the flush, and {@code refs/heads/} after the ref update.
 */
final class JgitDirect implements AutoCloseable {
  enum Sync { NONE, FILES, FILES_AND_DIRS }

  private static final String REF = Constants.R_HEADS + "main";

  private final Repository repo;
  private final Sync sync;
  private final PersonIdent person;
  private final Dir root = new Dir();
  private final Path objectsDir;
  private final Path headsDir;
  private ObjectId head = ObjectId.zeroId();

  /** A directory of the cached tree: entries keyed in Git order; its id, null when changed. */
  private static final class Dir {
    /** Key: the name, plus "/" for a subtree (Git's order sorts a subtree as "name/"). */
    final TreeMap<String, Object> entries = new TreeMap<>(JgitDirect::gitOrder);
    ObjectId id;
  }

  private JgitDirect(Repository repo, Sync sync, String name, String email, long epochSeconds) {
    this.repo = repo;
    this.sync = sync;
    this.person = new PersonIdent(name, email, Instant.ofEpochSecond(epochSeconds),
        ZoneOffset.UTC);
    this.objectsDir = repo.getDirectory().toPath().resolve("objects");
    this.headsDir = repo.getDirectory().toPath().resolve(REF).getParent();
  }

  /** A new bare repository in {@code dir} with HEAD on {@code refs/heads/main}. */
  static JgitDirect init(Path dir, Sync sync, String name, String email, long epochSeconds)
      throws IOException {
    Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
    repo.create(true);
    if (sync != Sync.NONE) {
      StoredConfig config = repo.getConfig();
      config.setBoolean("core", null, "fsyncObjectFiles", true);
      config.setBoolean("core", null, "fsyncRefFiles", true);
      config.save();
    }
    RefUpdate headLink = repo.updateRef(Constants.HEAD);
    headLink.disableRefLog();
    headLink.link(REF);
    return new JgitDirect(repo, sync, name, email, epochSeconds);
  }

  /** The head commit's id in hex. */
  String head() {
    return head.name();
  }

  /** One commit that sets {@code values} at {@code paths} ({@code a/b/c}). */
  String commit(List<String> paths, List<byte[]> values, String message) throws IOException {
    List<ObjectId> inserted = sync == Sync.FILES_AND_DIRS ? new ArrayList<>() : null;
    ObjectId commitId;
    try (ObjectInserter inserter = repo.newObjectInserter()) {
      for (int i = 0; i < paths.size(); i++) {
        ObjectId blob = inserter.insert(Constants.OBJ_BLOB, values.get(i));
        record(inserted, blob);
        put(paths.get(i), blob);
      }
      ObjectId tree = writeTree(root, inserter, inserted);
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(tree);
      if (!head.equals(ObjectId.zeroId())) {
        commit.setParentId(head);
      }
      commit.setAuthor(person);
      commit.setCommitter(person);
      commit.setMessage(message);
      commitId = inserter.insert(commit);
      record(inserted, commitId);
      inserter.flush();
    }
    if (inserted != null) {
      TreeSet<String> fanOut = new TreeSet<>();
      for (ObjectId id : inserted) {
        fanOut.add(id.name().substring(0, 2));
      }
      for (String dir : fanOut) {
        fsyncDirectory(objectsDir.resolve(dir));
      }
      fsyncDirectory(objectsDir);
    }
    RefUpdate update = repo.updateRef(REF);
    update.setExpectedOldObjectId(head);
    update.setNewObjectId(commitId);
    update.setForceUpdate(true);
    RefUpdate.Result result = update.update();
    if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FORCED) {
      throw new IOException("updating " + REF + " gave " + result);
    }
    if (sync == Sync.FILES_AND_DIRS) {
      fsyncDirectory(headsDir);
    }
    head = commitId;
    return commitId.name();
  }

  private static void record(List<ObjectId> inserted, ObjectId id) {
    if (inserted != null) {
      inserted.add(id.copy());
    }
  }

  /** Puts blob {@code id} at {@code path} in the cached tree, marking the dirs on the way changed. */
  private void put(String path, ObjectId id) {
    String[] segments = path.split("/");
    Dir dir = root;
    dir.id = null;
    for (int i = 0; i < segments.length - 1; i++) {
      Object child = dir.entries.get(segments[i] + "/");
      if (child == null) {
        dir.entries.remove(segments[i]); // a value where a directory is needed: replaced
        child = new Dir();
        dir.entries.put(segments[i] + "/", child);
      }
      dir = (Dir) child;
      dir.id = null;
    }
    String name = segments[segments.length - 1];
    dir.entries.remove(name + "/"); // a directory where a value goes: replaced
    dir.entries.put(name, id);
  }

  /** Writes the changed dirs below and at {@code dir}, children first; returns its tree id. */
  private static ObjectId writeTree(Dir dir, ObjectInserter inserter, List<ObjectId> inserted)
      throws IOException {
    if (dir.id != null) {
      return dir.id;
    }
    TreeFormatter formatter = new TreeFormatter();
    for (Map.Entry<String, Object> entry : dir.entries.entrySet()) {
      String key = entry.getKey();
      if (entry.getValue() instanceof Dir) {
        ObjectId child = writeTree((Dir) entry.getValue(), inserter, inserted);
        formatter.append(key.substring(0, key.length() - 1), FileMode.TREE, child);
      } else {
        formatter.append(key, FileMode.REGULAR_FILE, (ObjectId) entry.getValue());
      }
    }
    dir.id = inserter.insert(formatter);
    record(inserted, dir.id);
    return dir.id;
  }

  /**
   * Git's order of tree entries: by the UTF-8 bytes of the keys. UTF-16 order is the same except
   * where a surrogate differs, which falls back to comparing the bytes.
   */
  private static int gitOrder(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        if (Character.isSurrogate(x) || Character.isSurrogate(y)) {
          return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
              b.getBytes(StandardCharsets.UTF_8));
        }
        return x - y;
      }
    }
    return a.length() - b.length();
  }

  private static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  @Override
  public void close() {
    repo.close();
  }
}
