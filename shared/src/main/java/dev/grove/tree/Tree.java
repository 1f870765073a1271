package dev.grove.tree;

import dev.grove.backend.ObjectStore;
import dev.grove.hash.ObjectId;
import dev.grove.object.EntryMode;
import dev.grove.object.ObjectCodec;
import dev.grove.object.RawObject;
import dev.grove.object.TreeEntry;
import dev.grove.object.ObjectType;
import dev.grove.object.TreeObject;
import dev.grove.object.TreeSplice;
import dev.grove.path.InvalidPathException;
import dev.grove.path.Path;
import dev.grove.path.Utf8Order;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An immutable tree of values, loaded lazily: a tree read from a store loads its entries the
 * first time they are needed, so reading one key reads only the trees on its path and the value.
 * Edits ({@link #with}, {@link #without}, {@link #withNode}) return a new tree that shares every
 * untouched subtree, so saving it writes only the objects on the edited paths.
 *
 * <p>Empty subtrees do not exist: removing the last entry of a subtree removes the subtree, and
 * setting an empty tree at a path removes what was there. Safe for several threads.
 */
public final class Tree implements Node {
  /** Entry names in the order of their UTF-8 bytes (the order of {@link Path}). */
  public static final Comparator<String> NAME_ORDER = Utf8Order::compare;

  private static final Tree EMPTY = new Tree(null, null, new TreeMap<>(NAME_ORDER));

  private final ObjectLoader loader;
  private volatile ObjectId id;
  /** Null until loaded; never modified once set. */
  private volatile TreeMap<String, Node> entries;
  private volatile RawObject encoded;
  /**
   * For a tree built by edits: the tree it was edited from and the names whose entries may
   * differ from it, so that its encoding is that tree's with those entries spliced
   * ({@link TreeSplice}); null once encoded.
   */
  private volatile Tree editedFrom;
  /** For a tree built by edits: the names whose entries may differ from the tree it came from. */
  private volatile Set<String> changed;
  /** The store of the tree it came from, if that was stored: its other entries are stored too. */
  private volatile ObjectStore editedFromStore;

  private Tree(ObjectLoader loader, ObjectId id, TreeMap<String, Node> entries) {
    this.loader = loader;
    this.id = id;
    this.entries = entries;
  }

  /** The tree with no entries. */
  public static Tree empty() {
    return EMPTY;
  }

  /** The tree stored under {@code id} where {@code loader} reads; nothing is read yet. */
  public static Tree stored(ObjectLoader loader, ObjectId id) {
    return new Tree(loader, id, null);
  }

  /**
   * A tree of the given entries; empty subtrees among them are left out.
   *
   * @throws InvalidPathException when a name is not a valid path segment
   */
  public static Tree of(Map<String, ? extends Node> entries) {
    TreeMap<String, Node> copy = new TreeMap<>(NAME_ORDER);
    for (Map.Entry<String, ? extends Node> entry : entries.entrySet()) {
      Path.checkSegment(entry.getKey(), entry.getKey());
      Node node = entry.getValue();
      if (node == null || (node instanceof Tree && ((Tree) node).isEmpty())) {
        continue;
      }
      copy.put(entry.getKey(), node);
    }
    return built(copy);
  }

  static Tree built(TreeMap<String, Node> entries) {
    return entries.isEmpty() ? EMPTY : new Tree(null, null, entries);
  }

  /** {@link #built}, for entries that are those of {@code from} except at {@code changed}. */
  static Tree built(TreeMap<String, Node> entries, Tree from, Set<String> changed) {
    Tree tree = built(entries);
    if (tree != EMPTY && !from.isEmpty() && changed.size() * 4 <= entries.size()) {
      tree.editedFrom = from;
      tree.changed = changed;
      tree.editedFromStore = from.loader == null ? null : from.loader.store();
    }
    return tree;
  }

  /**
   * The entries by name, read-only, iterating in {@link #NAME_ORDER}; loads this tree's object
   * on first use.
   *
   * @throws MissingObjectException when the tree is not stored
   */
  public Map<String, Node> entries() {
    // A read-only view: TeaVM lacks Collections.unmodifiableSortedMap.
    return Collections.unmodifiableMap(sortedEntries());
  }

  /** The entries themselves, for this package: never modify them. */
  TreeMap<String, Node> sortedEntries() {
    TreeMap<String, Node> known = entries;
    if (known == null) {
      known = loader.deriveFromTree(id, object -> {
        TreeMap<String, Node> loaded = new TreeMap<>(NAME_ORDER);
        for (TreeEntry entry : object.entries()) {
          Node child = entry.mode() == EntryMode.TREE
              ? Tree.stored(loader, entry.id())
              : Leaf.stored(entry.mode(), loader, entry.id());
          loaded.put(entry.name(), child);
        }
        return loaded;
      });
      entries = known;
    }
    return known;
  }

  public boolean isEmpty() {
    return sortedEntries().isEmpty();
  }

  /** The node at {@code path}; the root path is this tree. */
  public Optional<Node> findNode(Path path) {
    Node node = this;
    for (int i = 0; i < path.size(); i++) {
      if (!(node instanceof Tree)) {
        return Optional.empty();
      }
      node = ((Tree) node).entries().get(path.segment(i));
      if (node == null) {
        return Optional.empty();
      }
    }
    return Optional.of(node);
  }

  /** The value at {@code path}, or empty when there is none (absent, or a subtree). */
  public Optional<byte[]> find(Path path) {
    Optional<Node> node = findNode(path);
    return node.isPresent() && node.get() instanceof Leaf
        ? Optional.of(((Leaf) node.get()).bytes()) : Optional.empty();
  }

  /** The subtree at {@code path}, or empty when there is none (absent, or a value). */
  public Optional<Tree> findTree(Path path) {
    Optional<Node> node = findNode(path);
    return node.isPresent() && node.get() instanceof Tree
        ? Optional.of((Tree) node.get()) : Optional.empty();
  }

  /** This tree with {@code bytes} at {@code path} (replacing a value or subtree there). */
  public Tree with(Path path, byte[] bytes) {
    return withNode(path, Leaf.of(bytes));
  }

  /** This tree without what is at {@code path}; itself when nothing is there. */
  public Tree without(Path path) {
    return withNode(path, null);
  }

  /**
   * This tree with {@code node} at {@code path}: null or an empty tree removes what is there.
   * A value on the way to {@code path} is replaced by a subtree. At the root, {@code node} must
   * be a tree (or null, giving the empty tree).
   *
   * @throws InvalidPathException when a value is put at the root
   */
  public Tree withNode(Path path, Node node) {
    return new TreeEditor(this).put(path, node).build();
  }

  /** The tree object's id; computed (and remembered) for a tree built in memory. */
  @Override
  public ObjectId id() {
    ObjectId known = id;
    if (known == null) { // built in memory: a stored tree's id is always known
      known = encodeBuilt().id();
      id = known;
    }
    return known;
  }

  /**
   * Adds to {@code out} every object of this tree that is not known to be stored where
   * {@code target} reads, children before parents, each once. For a tree built by edits on a
   * stored tree, that is exactly the objects on the edited paths.
   */
  public void collectNewObjects(ObjectLoader target, Map<ObjectId, RawObject> out) {
    if (isStoredIn(target)) {
      return;
    }
    for (Node child : childrenNotKnownStored(target)) {
      if (child instanceof Tree) {
        ((Tree) child).collectNewObjects(target, out);
      } else {
        Leaf leaf = (Leaf) child;
        if (!leaf.isStoredIn(target) && !out.containsKey(leaf.id())) {
          out.put(leaf.id(), leaf.toObject());
        }
      }
    }
    RawObject object = encode();
    out.putIfAbsent(object.id(), object);
  }

  /**
   * After this tree's new objects were stored where {@code target} reads: remembers each new
   * tree's entries there as stored nodes, so reading the tree again costs no decoding. Only
   * call it once the write succeeded.
   */
  public void rememberIn(ObjectLoader target) {
    if (isStoredIn(target)) {
      return;
    }
    TreeMap<String, Node> stored = new TreeMap<>(sortedEntries()); // same order, linear copy
    Set<String> names = changed;
    if (names != null && editedFromStore == target.store()) {
      for (String name : names) {
        Node child = stored.get(name);
        if (child != null) {
          stored.put(name, storedNode(child, target));
        }
      }
    } else {
      for (Map.Entry<String, Node> entry : stored.entrySet()) {
        entry.setValue(storedNode(entry.getValue(), target));
      }
    }
    target.rememberDerived(id(), stored, stored.size());
    target.rememberRawTree(encode());
  }

  /** {@code child} as a node stored where {@code target} reads, remembering a new subtree there. */
  private static Node storedNode(Node child, ObjectLoader target) {
    if (child instanceof Tree) {
      Tree tree = (Tree) child;
      if (tree.isStoredIn(target)) {
        return tree;
      }
      tree.rememberIn(target);
      return Tree.stored(target, tree.id());
    }
    Leaf leaf = (Leaf) child;
    return leaf.isStoredIn(target) ? leaf : Leaf.stored(leaf.mode(), target, leaf.id());
  }

  /**
   * The children that may be new where {@code target} reads: all of them, or for a tree edited
   * from a tree stored there, only those at the edited names.
   */
  private Iterable<Node> childrenNotKnownStored(ObjectLoader target) {
    Set<String> names = changed;
    if (names == null || editedFromStore != target.store()) {
      return entries().values();
    }
    List<Node> children = new ArrayList<>(names.size());
    for (String name : names) {
      Node child = entries.get(name);
      if (child != null) {
        children.add(child);
      }
    }
    return children;
  }

  private boolean isStoredIn(ObjectLoader target) {
    return loader != null && loader.store() == target.store();
  }

  private RawObject encode() {
    RawObject known = encoded;
    if (known == null) {
      if (loader == null) {
        return encodeBuilt();
      }
      known = loader.loadRawTree(id);
      encoded = known;
    }
    return known;
  }

  /**
   * The encoding of a tree built in memory (no loader), computed once. Reads no store, so that
   * {@link #id}, {@link #equals} and {@link #hashCode} never can: in TeaVM, a method that may
   * reach an IndexedDB read becomes a resumable state machine, and so would every caller of
   * {@code hashCode} or {@code equals} anywhere (HashMap included).
   */
  private RawObject encodeBuilt() {
    RawObject known = encoded;
    if (known == null) {
      known = spliced();
      if (known == null) {
        List<TreeEntry> list = new ArrayList<>(entries.size());
        for (Map.Entry<String, Node> entry : entries.entrySet()) {
          list.add(entryOf(entry.getKey(), entry.getValue()));
        }
        known = ObjectCodec.encodeTree(TreeObject.of(list));
      }
      encoded = known;
      editedFrom = null; // not kept: a chain of edited trees would all stay in memory
    }
    return known;
  }

  /**
   * The encoding of a tree built by edits, from the encoding of the tree it was edited from
   * when that is at hand without reading the store; else null.
   */
  private RawObject spliced() {
    Tree from = editedFrom;
    Set<String> names = changed;
    RawObject base = from == null ? null : from.encodedIfKnown();
    // Loaded when this tree was edited from it (TreeEditor); read as a field, not loaded here.
    TreeMap<String, Node> before = from == null ? null : from.entries;
    if (base == null || names == null || before == null) {
      return null;
    }
    List<TreeEntry> removed = new ArrayList<>();
    List<TreeEntry> added = new ArrayList<>();
    for (String name : names) {
      Node old = before.get(name);
      Node now = entries.get(name);
      if (old != null) {
        removed.add(entryOf(name, old));
      }
      if (now != null) {
        added.add(entryOf(name, now));
      }
    }
    byte[] payload = TreeSplice.splice(base.payload(), removed, added);
    return payload == null ? null : RawObject.of(ObjectType.TREE, payload);
  }

  /** This tree's encoding when it is known or cached, without reading the store; else null. */
  private RawObject encodedIfKnown() {
    RawObject known = encoded;
    if (known == null && loader != null) {
      known = loader.cachedRawTree(id);
    }
    return known;
  }

  private static TreeEntry entryOf(String name, Node node) {
    EntryMode mode = node instanceof Tree ? EntryMode.TREE : ((Leaf) node).mode();
    return new TreeEntry(mode, name, node.id());
  }

  /** Trees are equal when their ids are. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Tree && ((Tree) o).id().equals(id());
  }

  @Override
  public int hashCode() {
    return id().hashCode();
  }

  @Override
  public String toString() {
    return "tree " + id().hex();
  }
}
