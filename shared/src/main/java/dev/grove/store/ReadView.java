package dev.grove.store;

import dev.grove.Utf8Text;
import dev.grove.path.Path;
import dev.grove.tree.Leaf;
import dev.grove.tree.Node;
import dev.grove.tree.Tree;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads of one tree: shared by {@link Branch} (its head), {@link CommitView} and {@link Draft}.
 * {@code find…} answers empty when nothing is there; {@code get…} throws
 * {@link NotFoundException}. Paths given as text are parsed with {@link Path#parse}.
 */
public interface ReadView {

  /** The tree these reads look at. */
  Tree tree();

  /** The value at {@code path}, or empty (nothing there, or a subtree). */
  default Optional<byte[]> find(Path path) {
    return tree().find(path);
  }

  default Optional<byte[]> find(String path) {
    return find(Path.parse(path));
  }

  /** The value at {@code path}. @throws NotFoundException when there is none */
  default byte[] get(Path path) {
    Optional<byte[]> value = find(path);
    if (value.isEmpty()) {
      throw new NotFoundException("no value at '" + path + "'");
    }
    return value.get();
  }

  default byte[] get(String path) {
    return get(Path.parse(path));
  }

  /** The value at {@code path} as UTF-8 text, or empty. */
  default Optional<String> findText(String path) {
    return find(path).map(Utf8Text::decode);
  }

  /** The value at {@code path} as UTF-8 text. @throws NotFoundException when there is none */
  default String getText(String path) {
    return Utf8Text.decode(get(path));
  }

  /** Whether a value or a subtree is at {@code path} (the root always exists). */
  default boolean exists(Path path) {
    return tree().findNode(path).isPresent();
  }

  default boolean exists(String path) {
    return exists(Path.parse(path));
  }

  /**
   * The entries of the directory at {@code path}, by name in path order; empty when there is
   * no directory there.
   */
  default SortedMap<String, EntryKind> list(Path path) {
    return listOf(tree(), path);
  }

  /** The entries of the directory at {@code path} in {@code tree}. */
  static SortedMap<String, EntryKind> listOf(Tree tree, Path path) {
    Optional<Tree> dir = tree.findTree(path);
    if (dir.isEmpty()) {
      return new TreeMap<>(Tree.NAME_ORDER);
    }
    SortedMap<String, EntryKind> out = new TreeMap<>(Tree.NAME_ORDER);
    for (Map.Entry<String, Node> entry : dir.get().entries().entrySet()) {
      out.put(entry.getKey(), entry.getValue() instanceof Leaf ? EntryKind.VALUE : EntryKind.TREE);
    }
    return out;
  }

  default SortedMap<String, EntryKind> list(String path) {
    return list(Path.parse(path));
  }

  /** The subtree at {@code path} (the root path gives the whole tree), or empty. */
  default Optional<Tree> subtree(Path path) {
    return tree().findTree(path);
  }

  default Optional<Tree> subtree(String path) {
    return subtree(Path.parse(path));
  }
}
