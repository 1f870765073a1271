package dev.grove.object;

import dev.grove.hash.ObjectId;
import java.nio.charset.StandardCharsets;

/** One entry of a Git tree: mode, name (a valid path segment) and the id of its object. */
public record TreeEntry(EntryMode mode, String name, ObjectId id) {

  /** Git's order of entries: by name bytes, with a subtree's name compared as {@code name/}. */
  public static int gitOrder(TreeEntry a, TreeEntry b) {
    return compareGitNames(a.name, a.mode == EntryMode.TREE, b.name, b.mode == EntryMode.TREE);
  }

  /** Git's order of two entry names, given whether each is a subtree. */
  public static int compareGitNames(String a, boolean aTree, String b, boolean bTree) {
    byte[] x = a.getBytes(StandardCharsets.UTF_8);
    byte[] y = b.getBytes(StandardCharsets.UTF_8);
    int n = Math.min(x.length, y.length);
    for (int i = 0; i < n; i++) {
      int c = (x[i] & 0xff) - (y[i] & 0xff);
      if (c != 0) {
        return c;
      }
    }
    int nextX = x.length > n ? x[n] & 0xff : (aTree ? '/' : 0);
    int nextY = y.length > n ? y[n] & 0xff : (bTree ? '/' : 0);
    return nextX - nextY;
  }
}
