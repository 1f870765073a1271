package dev.grove.object;

import dev.grove.Utf8;
import java.util.ArrayList;
import java.util.List;

/**
 * Edits an encoded Git tree without decoding it: the payload of a tree that differs from a base
 * tree in a few entries is the base's bytes with those entries cut out and the new ones put in,
 * in Git's order. A commit that changes one entry of a large directory then costs a copy of its
 * bytes (and their hash), not the encoding of every entry name.
 */
public final class TreeSplice {
  private TreeSplice() {}

  /**
   * The payload of {@code base} (a well-formed tree payload, as Grove encodes or has verified)
   * without the entries {@code removed} (each matched by name and kind: value or subtree) and
   * with the entries {@code added}; null when a removed entry is not in {@code base}. The caller
   * keeps names unique: every name in {@code base} that {@code added} holds is in
   * {@code removed}.
   */
  public static byte[] splice(byte[] base, List<TreeEntry> removed, List<TreeEntry> added) {
    List<TreeEntry> drops = sorted(removed);
    List<TreeEntry> puts = sorted(added);
    byte[][] dropNames = names(drops);
    byte[][] putNames = names(puts);
    int size = base.length;
    for (int i = 0; i < puts.size(); i++) {
      size += puts.get(i).mode().octalBytes().length + putNames[i].length + 22;
    }
    byte[] out = new byte[size];
    int length = 0;
    int d = 0;
    int p = 0;
    int run = 0; // start of the base bytes not copied yet
    int pos = 0;
    while (pos < base.length && (d < drops.size() || p < puts.size())) {
      int space = pos;
      while (base[space] != ' ') {
        space++;
      }
      int nul = space + 1;
      while (base[nul] != 0) {
        nul++;
      }
      boolean tree = space - pos == 5; // "40000": the only five-digit mode
      while (p < puts.size() && compare(putNames[p], puts.get(p).mode() == EntryMode.TREE,
          base, space + 1, nul, tree) < 0) {
        System.arraycopy(base, run, out, length, pos - run);
        length += pos - run;
        run = pos;
        length = write(puts.get(p), putNames[p], out, length);
        p++;
      }
      int end = nul + 21;
      if (d < drops.size() && compare(dropNames[d], drops.get(d).mode() == EntryMode.TREE,
          base, space + 1, nul, tree) == 0) {
        System.arraycopy(base, run, out, length, pos - run);
        length += pos - run;
        run = end;
        d++;
      }
      pos = end;
    }
    if (d < drops.size()) {
      return null;
    }
    System.arraycopy(base, run, out, length, base.length - run);
    length += base.length - run;
    for (; p < puts.size(); p++) {
      length = write(puts.get(p), putNames[p], out, length);
    }
    if (length == out.length) {
      return out;
    }
    byte[] exact = new byte[length];
    System.arraycopy(out, 0, exact, 0, length);
    return exact;
  }

  private static List<TreeEntry> sorted(List<TreeEntry> entries) {
    List<TreeEntry> copy = new ArrayList<>(entries);
    copy.sort(TreeEntry::gitOrder);
    return copy;
  }

  private static byte[][] names(List<TreeEntry> entries) {
    byte[][] names = new byte[entries.size()][];
    for (int i = 0; i < names.length; i++) {
      names[i] = Utf8.encode(entries.get(i).name());
    }
    return names;
  }

  private static int write(TreeEntry entry, byte[] name, byte[] out, int at) {
    byte[] mode = entry.mode().octalBytes();
    System.arraycopy(mode, 0, out, at, mode.length);
    at += mode.length;
    out[at++] = ' ';
    System.arraycopy(name, 0, out, at, name.length);
    at += name.length;
    out[at++] = 0;
    entry.id().copyTo(out, at);
    return at + 20;
  }

  /**
   * Git's order of a name (bytes, subtree or not) and the base entry whose name is
   * {@code base[from..to)}: bytes compared unsigned, a subtree's name as if it ended with '/'.
   */
  private static int compare(byte[] name, boolean nameTree, byte[] base, int from, int to,
      boolean baseTree) {
    int n = Math.min(name.length, to - from);
    for (int i = 0; i < n; i++) {
      int a = name[i] & 0xff;
      int b = base[from + i] & 0xff;
      if (a != b) {
        return a - b;
      }
    }
    int a = name.length > n ? name[n] & 0xff : (nameTree ? '/' : 0);
    int b = to - from > n ? base[from + n] & 0xff : (baseTree ? '/' : 0);
    if (a != b) {
      return a - b;
    }
    return 0; // the same name, of the same kind
  }
}
