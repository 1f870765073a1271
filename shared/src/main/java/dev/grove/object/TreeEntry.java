package dev.grove.object;

import dev.grove.hash.ObjectId;
import dev.grove.path.Utf8Order;

/** One entry of a Git tree: mode, name (a valid path segment) and the id of its object. */
public record TreeEntry(EntryMode mode, String name, ObjectId id) {

  /** Git's order of entries: by name bytes, with a subtree's name compared as {@code name/}. */
  public static int gitOrder(TreeEntry a, TreeEntry b) {
    return compareGitNames(a.name, a.mode == EntryMode.TREE, b.name, b.mode == EntryMode.TREE);
  }

  /**
   * Git's order of two entry names, given whether each is a subtree: by UTF-8 bytes (code
   * points), a subtree's name compared as if it ended with {@code /}.
   */
  public static int compareGitNames(String a, boolean aTree, String b, boolean bTree) {
    int at = Utf8Order.firstDifference(a, b);
    if (at >= 0) {
      return Utf8Order.compareUnits(a.charAt(at), b.charAt(at));
    }
    int n = Math.min(a.length(), b.length());
    int nextX = a.length() > n ? a.charAt(n) : (aTree ? '/' : 0);
    int nextY = b.length() > n ? b.charAt(n) : (bTree ? '/' : 0);
    return nextX - nextY;
  }
}
