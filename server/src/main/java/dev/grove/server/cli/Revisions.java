package dev.grove.server.cli;

import dev.grove.backend.Backend;
import dev.grove.backend.BranchNames;
import dev.grove.hash.ObjectId;
import dev.grove.path.Path;
import dev.grove.server.fs.FsBackend;
import dev.grove.server.git.GitBackend;
import dev.grove.store.CommitView;
import dev.grove.store.Repository;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * What names on the command line mean: branches, revisions (a branch, or a commit by its id or
 * a unique prefix of at least {@value #MIN_PREFIX} hex digits) and paths of values.
 */
final class Revisions {
  static final int MIN_PREFIX = 4;
  private static final int SHORT = 7;

  private Revisions() {}

  /** The first {@value #SHORT} hex digits of {@code id}. */
  static String abbrev(ObjectId id) {
    return id.hex().substring(0, SHORT);
  }

  /** The head of branch {@code name}; fails with a clear message when it does not exist. */
  static ObjectId branchHead(Repository repo, String name) {
    ObjectId head = repo.head(name);
    if (head.isNone()) {
      throw new CommandException(noBranch(repo, name));
    }
    return head;
  }

  /**
   * Checks that commits may go to branch {@code name}: it exists, or the store has no branch
   * at all (the first commit creates it). A typo never starts an unrelated history.
   */
  static void checkWritable(Repository repo, String name) {
    BranchNames.check(name);
    if (repo.head(name).isNone() && !repo.branches().isEmpty()) {
      throw new CommandException("no branch '" + name + "'; create it first with: grove branch create "
          + name + " [FROM]");
    }
  }

  private static String noBranch(Repository repo, String name) {
    BranchNames.check(name);
    if (repo.branches().isEmpty()) {
      return "no branch '" + name + "': the store has no commits yet (grove set makes the first one)";
    }
    return "no branch '" + name + "' (branches: " + String.join(", ", repo.branches().keySet()) + ")";
  }

  /**
   * The commit {@code rev} names: a branch's head, else a commit whose id is {@code rev} or
   * starts with it.
   */
  static ObjectId resolve(Repository repo, String rev) {
    if (BranchNames.problem(rev) == null) {
      ObjectId head = repo.head(rev);
      if (!head.isNone()) {
        return head;
      }
    }
    if (isHex(rev) && rev.length() == 40) {
      ObjectId id = ObjectId.fromHex(rev);
      if (repo.findCommit(id).isPresent()) {
        return id;
      }
    } else if (isHex(rev) && rev.length() >= MIN_PREFIX) {
      List<ObjectId> matches = commitsWithPrefix(repo, rev.toLowerCase(Locale.ROOT));
      if (matches.size() == 1) {
        return matches.get(0);
      }
      if (matches.size() > 1) {
        throw new CommandException("ambiguous commit id '" + rev + "': " + matches.size()
            + " commits start with it; give more digits");
      }
    }
    throw new CommandException("unknown revision '" + rev + "': no branch or commit of that name"
        + (isHex(rev) && rev.length() < MIN_PREFIX ? " (give at least " + MIN_PREFIX + " hex digits of an id)" : ""));
  }

  /** The path of a value: not the root. */
  static Path valuePath(String text) {
    Path path = Path.parse(text);
    if (path.isRoot()) {
      throw new CommandException("invalid path '': a value needs a non-empty path such as a/b");
    }
    return path;
  }

  private static boolean isHex(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = Character.toLowerCase(text.charAt(i));
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /** Commits whose id starts with {@code prefix} (lower-case hex). */
  private static List<ObjectId> commitsWithPrefix(Repository repo, String prefix) {
    TreeSet<ObjectId> candidates = new TreeSet<>();
    Backend backend = repo.backend();
    if (backend instanceof FsBackend) {
      // Packs index their ids, and loose object files are named by id: no history walk.
      candidates.addAll(((FsBackend) backend).objectIdsStartingWith(prefix));
    } else if (backend instanceof GitBackend) {
      // JGit finds abbreviated ids among loose and packed objects without walking history.
      try (org.eclipse.jgit.lib.Repository git = new FileRepositoryBuilder()
              .setGitDir(((GitBackend) backend).directory().toFile()).setMustExist(true).build();
          ObjectReader reader = git.newObjectReader()) {
        for (org.eclipse.jgit.lib.ObjectId id : reader.resolve(AbbreviatedObjectId.fromString(prefix))) {
          candidates.add(ObjectId.fromHex(id.name()));
        }
      } catch (IOException e) {
        throw new CommandException("cannot look up '" + prefix + "': " + e.getMessage());
      }
    } else {
      // No index of ids to ask: walk the history of every branch.
      for (Map.Entry<String, ObjectId> branch : repo.branches().entrySet()) {
        for (CommitView commit : repo.log(branch.getValue(), Integer.MAX_VALUE)) {
          if (commit.id().hex().startsWith(prefix)) {
            candidates.add(commit.id());
          }
        }
      }
    }
    List<ObjectId> commits = new ArrayList<>();
    for (ObjectId id : candidates) {
      if (repo.findCommit(id).isPresent()) {
        commits.add(id);
      }
    }
    return commits;
  }
}
