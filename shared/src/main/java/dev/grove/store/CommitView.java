package dev.grove.store;

import dev.grove.hash.ObjectId;
import dev.grove.object.CommitObject;
import dev.grove.object.Person;
import dev.grove.tree.Tree;
import java.util.List;

/** A read-only snapshot: one commit and its tree. Immutable. */
public final class CommitView implements ReadView {
  private final ObjectId id;
  private final CommitObject commit;
  private final Tree tree;

  CommitView(ObjectId id, CommitObject commit, Tree tree) {
    this.id = id;
    this.commit = commit;
    this.tree = tree;
  }

  public ObjectId id() {
    return id;
  }

  /** The decoded commit object. */
  public CommitObject commit() {
    return commit;
  }

  public List<ObjectId> parents() {
    return commit.parents();
  }

  public Person author() {
    return commit.author();
  }

  public Person committer() {
    return commit.committer();
  }

  public String message() {
    return commit.message();
  }

  @Override
  public Tree tree() {
    return tree;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CommitView && ((CommitView) o).id.equals(id);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "commit " + id.hex();
  }
}
