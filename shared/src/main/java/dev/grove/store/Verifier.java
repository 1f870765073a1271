package dev.grove.store;

import dev.grove.GroveException;
import dev.grove.hash.ObjectId;
import dev.grove.object.CommitObject;
import dev.grove.object.EntryMode;
import dev.grove.object.TreeEntry;
import dev.grove.object.TreeObject;
import dev.grove.tree.ObjectLoader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a store: every object reachable from every branch is stored, is the object its id
 * names (backends verify ids on read), is of the type its referrer says, and decodes. Each
 * object is checked once, however many branches reach it.
 */
public final class Verifier {
  private Verifier() {}

  /** One thing wrong: the object, and what. */
  public record Problem(ObjectId id, String description) {
    @Override
    public String toString() {
      return id.hex() + ": " + description;
    }
  }

  /** What the check found. */
  public record Report(int branches, int objects, List<Problem> problems) {
    public Report {
      problems = List.copyOf(problems);
    }

    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /** Checks everything reachable from every branch of {@code repo}. */
  public static Report verify(Repository repo) {
    ObjectLoader loader = new ObjectLoader(repo.backend().objects());
    Map<String, ObjectId> branches = repo.branches();
    Set<ObjectId> seen = new HashSet<>();
    List<Problem> problems = new ArrayList<>();
    ArrayDeque<ObjectId> commits = new ArrayDeque<>();
    for (ObjectId head : branches.values()) {
      if (seen.add(head)) {
        commits.add(head);
      }
    }
    ArrayDeque<TreeEntry> contents = new ArrayDeque<>();
    while (!commits.isEmpty()) {
      ObjectId id = commits.poll();
      CommitObject commit;
      try {
        commit = loader.loadCommit(id);
      } catch (GroveException e) {
        problems.add(new Problem(id, e.getMessage()));
        continue;
      }
      for (ObjectId parent : commit.parents()) {
        if (seen.add(parent)) {
          commits.add(parent);
        }
      }
      if (seen.add(commit.tree())) {
        contents.add(new TreeEntry(EntryMode.TREE, "(root)", commit.tree()));
      }
      while (!contents.isEmpty()) {
        TreeEntry entry = contents.poll();
        try {
          if (entry.mode() == EntryMode.TREE) {
            TreeObject tree = loader.loadTree(entry.id());
            for (TreeEntry child : tree.entries()) {
              if (child.mode() != EntryMode.GITLINK && seen.add(child.id())) {
                contents.add(child);
              }
            }
          } else {
            loader.loadBlob(entry.id());
          }
        } catch (GroveException e) {
          problems.add(new Problem(entry.id(), e.getMessage()));
        }
      }
    }
    return new Report(branches.size(), seen.size(), problems);
  }
}
