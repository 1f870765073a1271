package dev.grove.store;

import dev.grove.Utf8;
import dev.grove.hash.ObjectId;
import dev.grove.path.Path;
import dev.grove.tree.Leaf;
import dev.grove.tree.Node;
import dev.grove.tree.Tree;
import dev.grove.tree.TreeEditor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;

/**
 * The working copy of a transaction: reads see the transaction's own writes. It records what
 * it reads and writes, so that the transaction can be re-applied ({@link Strategy#SET}) or
 * tested ({@link Strategy#TEST_AND_SET}) against a head that moved. Not thread-safe; valid only
 * inside the transaction body.
 */
public final class Draft implements ReadView {
  private final String branch;
  private final ObjectId base;
  private final Tree baseTree;
  private final boolean guessed;
  private Tree tree;
  private TreeEditor pending;
  private final List<Edit> edits = new ArrayList<>();
  private final Set<Path> touched = new LinkedHashSet<>();

  Draft(String branch, ObjectId base, Tree baseTree) {
    this(branch, base, baseTree, false);
  }

  /** A draft of {@code base}; {@code guessed} when the base is a remembered head, not read now. */
  Draft(String branch, ObjectId base, Tree baseTree, boolean guessed) {
    this.branch = branch;
    this.base = base;
    this.baseTree = baseTree;
    this.guessed = guessed;
    this.tree = baseTree;
  }

  /** The branch this is a draft of. */
  public String branch() {
    return branch;
  }

  /** The head the draft started from ({@link ObjectId#NONE} for an absent branch). */
  public ObjectId base() {
    return base;
  }

  Tree baseTree() {
    return baseTree;
  }

  /** Whether the base is a head remembered from earlier, possibly stale (a blind write's). */
  boolean guessed() {
    return guessed;
  }

  /** One recorded write: put {@code node} (null removes) at {@code path}. */
  private record Edit(Path path, Node node) {}

  /** The whole draft tree; counts as reading everything (for {@link Strategy#TEST_AND_SET}). */
  @Override
  public Tree tree() {
    touched.add(Path.ROOT);
    return current();
  }

  @Override
  public Optional<byte[]> find(Path path) {
    touched.add(path);
    return current().find(path);
  }

  @Override
  public boolean exists(Path path) {
    touched.add(path);
    return current().findNode(path).isPresent();
  }

  @Override
  public SortedMap<String, EntryKind> list(Path path) {
    touched.add(path);
    return ReadView.listOf(current(), path);
  }

  @Override
  public Optional<Tree> subtree(Path path) {
    touched.add(path);
    return current().findTree(path);
  }

  /** The draft tree with every edit so far applied (edits are applied in batches, lazily). */
  private Tree current() {
    if (pending != null) {
      tree = pending.build();
      pending = null;
    }
    return tree;
  }

  /** Sets the value at {@code path} (not copied: do not modify the array afterwards). */
  public Draft set(Path path, byte[] value) {
    if (path.isRoot()) {
      throw new dev.grove.path.InvalidPathException("", "a value needs a non-empty path");
    }
    return edit(path, Leaf.of(value));
  }

  public Draft set(String path, byte[] value) {
    return set(Path.parse(path), value);
  }

  /** Sets the value at {@code path} to UTF-8 {@code text}. */
  public Draft set(String path, String text) {
    return set(Path.parse(path), Utf8.encode(text));
  }

  /** Removes the value or subtree at {@code path} (nothing happens when nothing is there). */
  public Draft remove(Path path) {
    return edit(path, null);
  }

  public Draft remove(String path) {
    return remove(Path.parse(path));
  }

  /** Puts {@code subtree} at {@code path}; an empty tree removes what is there. */
  public Draft setTree(Path path, Tree subtree) {
    return edit(path, Objects.requireNonNull(subtree, "subtree"));
  }

  public Draft setTree(String path, Tree subtree) {
    return setTree(Path.parse(path), subtree);
  }

  private Draft edit(Path path, Node node) {
    if (pending == null) {
      pending = new TreeEditor(tree);
    }
    pending.put(path, node);
    edits.add(new Edit(path, node));
    touched.add(path);
    return this;
  }

  /** The tree with every edit so far, for committing; not a read. */
  Tree result() {
    return current();
  }

  /** The recorded writes applied, in order, to {@code head}. */
  Tree replayOn(Tree head) {
    TreeEditor editor = new TreeEditor(head);
    for (Edit edit : edits) {
      editor.put(edit.path, edit.node);
    }
    return editor.build();
  }

  /** The first path read or written whose content differs between the two trees, if any. */
  Optional<Path> firstTouchedChange(Tree base, Tree head) {
    for (Path path : touched) {
      Optional<Node> before = base.findNode(path);
      Optional<Node> after = head.findNode(path);
      if (before.isPresent() != after.isPresent()
          || (before.isPresent() && !sameNode(before.get(), after.get()))) {
        return Optional.of(path);
      }
    }
    return Optional.empty();
  }

  private static boolean sameNode(Node a, Node b) {
    return a.getClass() == b.getClass() && a.equals(b);
  }
}
