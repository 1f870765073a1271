package dev.grove.object;

import dev.grove.Utf8;
import dev.grove.hash.ObjectId;
import java.util.List;

/**
 * The entries of a tree, checked as strictly as {@link ObjectCodec#decodeTree} but on its bytes,
 * without a name ({@code String}) or {@link TreeEntry} per entry: for whoever needs each
 * entry's mode and id and a name only when something is wrong (the sync receiver, which checks
 * every entry of every received tree: about 1.5 million in a 10,000-commit history).
 *
 * <p>It accepts exactly what {@code decodeTree} accepts: a tree it finds anything wrong with
 * is handed to {@code decodeTree}, which throws the same {@link MalformedObjectException} as
 * ever (and were the checks here ever stricter than {@code decodeTree}'s, its entries are
 * used). The checks: modes Git writes; names non-empty, not {@code .} or {@code ..}, without
 * {@code /}, valid UTF-8; entries in strict Git order (a subtree's name compared as if it ended
 * with {@code /}), and no value and subtree of one name.
 */
public final class TreeScan {
  private TreeScan() {}

  /** Receives each entry of a tree, in order. */
  public interface Visitor {
    /** Entry {@code index} (from 0): its mode and id. */
    void entry(int index, EntryMode mode, ObjectId id);
  }

  /**
   * Checks tree {@code tree}, then gives {@code visitor} each entry (only once all are checked).
   *
   * @throws MalformedObjectException as {@link ObjectCodec#decodeTree} would
   */
  public static void entries(RawObject tree, Visitor visitor) {
    byte[] data = tree.payload();
    int capacity = data.length / 28 + 1; // the shortest entry: "40000 x\0" and 20 bytes
    EntryMode[] modes = new EntryMode[capacity];
    int[] names = new int[capacity * 2];
    int count = tree.type() == ObjectType.TREE ? check(data, modes, names) : -1;
    if (count < 0) {
      List<TreeEntry> entries = ObjectCodec.decodeTree(tree).entries();
      for (int i = 0; i < entries.size(); i++) {
        visitor.entry(i, entries.get(i).mode(), entries.get(i).id());
      }
      return;
    }
    for (int i = 0; i < count; i++) {
      visitor.entry(i, modes[i], ObjectId.fromBytes(data, names[2 * i + 1] + 1));
    }
  }

  /** Whether the checks on bytes alone accept {@code tree} (for tests: as decodeTree does). */
  static boolean bytesAccept(RawObject tree) {
    int capacity = tree.size() / 28 + 1;
    return tree.type() == ObjectType.TREE
        && check(tree.payload(), new EntryMode[capacity], new int[capacity * 2]) >= 0;
  }

  /**
   * Checks every entry, filling each one's mode and name bounds ({@code names[2i]} its first
   * byte, {@code names[2i + 1]} its NUL): the number of entries, or -1 at the first problem.
   */
  private static int check(byte[] data, EntryMode[] modes, int[] names) {
    int pos = 0;
    int count = 0;
    while (pos < data.length) {
      if (count == modes.length) {
        return -1;
      }
      int space = indexOf(data, (byte) ' ', pos);
      EntryMode mode = space < 0 ? null : EntryMode.fromOctal(data, pos, space);
      if (mode == null) {
        return -1;
      }
      int from = space + 1;
      int nul = indexOf(data, (byte) 0, from);
      if (nul < 0 || nul + 21 > data.length || !validName(data, from, nul)) {
        return -1;
      }
      boolean tree = mode == EntryMode.TREE;
      if (count > 0) {
        int previous = count - 1;
        if (compare(data, names[2 * previous], names[2 * previous + 1],
            modes[previous] == EntryMode.TREE, from, nul, tree) >= 0) {
          return -1;
        }
        if (tree && valueOfSameName(data, modes, names, count, from, nul)) {
          return -1;
        }
      }
      modes[count] = mode;
      names[2 * count] = from;
      names[2 * count + 1] = nul;
      count++;
      pos = nul + 21;
    }
    return count;
  }

  /** Non-empty, not "." or "..", no '/', valid UTF-8 (a NUL cannot occur: it ends the name). */
  private static boolean validName(byte[] data, int from, int to) {
    int length = to - from;
    if (length == 0 || (data[from] == '.' && (length == 1 || (length == 2 && data[from + 1] == '.')))) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (data[i] == '/') {
        return false;
      }
    }
    return Utf8.isValid(data, from, to);
  }

  /**
   * Git's order of two names by their UTF-8 bytes (which is code point order), a subtree's
   * name continuing with '/', a value's with nothing (0, below every byte a name has).
   */
  private static int compare(byte[] data, int aFrom, int aTo, boolean aTree, int bFrom, int bTo,
      boolean bTree) {
    int n = Math.min(aTo - aFrom, bTo - bFrom);
    for (int i = 0; i < n; i++) {
      int x = data[aFrom + i] & 0xFF;
      int y = data[bFrom + i] & 0xFF;
      if (x != y) {
        return x - y;
      }
    }
    int nextA = aTo - aFrom > n ? data[aFrom + n] & 0xFF : aTree ? '/' : 0;
    int nextB = bTo - bFrom > n ? data[bFrom + n] & 0xFF : bTree ? '/' : 0;
    return nextA - nextB;
  }

  /**
   * Whether a value (or gitlink) of the subtree's name {@code data[from..to)} came before it. In
   * Git's order it sorts as the name alone, the subtree as the name and '/', so only names that
   * start with the same bytes can lie between them: look back over those.
   */
  private static boolean valueOfSameName(byte[] data, EntryMode[] modes, int[] names, int count,
      int from, int to) {
    int length = to - from;
    for (int j = count - 1; j >= 0; j--) {
      int jFrom = names[2 * j];
      int jLength = names[2 * j + 1] - jFrom;
      if (jLength < length || !sameBytes(data, jFrom, from, length)) {
        return false;
      }
      if (jLength == length) {
        return modes[j] != EntryMode.TREE;
      }
    }
    return false;
  }

  private static boolean sameBytes(byte[] data, int a, int b, int length) {
    for (int i = 0; i < length; i++) {
      if (data[a + i] != data[b + i]) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] data, byte b, int from) {
    for (int i = from; i < data.length; i++) {
      if (data[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
