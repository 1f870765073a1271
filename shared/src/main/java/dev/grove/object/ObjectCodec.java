package dev.grove.object;

import dev.grove.Strings;
import dev.grove.Utf8;
import dev.grove.Utf8Text;
import dev.grove.hash.ObjectId;
import dev.grove.path.Path;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;

/**
 * Git's encoding of trees and commits, byte for byte. Decoding checks everything Grove relies
 * on and rejects the rest with a {@link MalformedObjectException} naming the problem.
 */
public final class ObjectCodec {
  private ObjectCodec() {}

  /** The tree's Git object. */
  public static RawObject encodeTree(TreeObject tree) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(tree.entries().size() * 40);
    for (TreeEntry entry : tree.entries()) {
      byte[] mode = entry.mode().octalBytes();
      out.write(mode, 0, mode.length);
      out.write(' ');
      byte[] name = Utf8.encode(entry.name());
      out.write(name, 0, name.length);
      out.write(0);
      out.write(entry.id().toBytes(), 0, 20);
    }
    return RawObject.of(ObjectType.TREE, out.toByteArray());
  }

  /** The commit's Git object. */
  public static RawObject encodeCommit(CommitObject commit) {
    StringBuilder text = new StringBuilder(256);
    text.append("tree ").append(commit.tree().hex()).append('\n');
    for (ObjectId parent : commit.parents()) {
      text.append("parent ").append(parent.hex()).append('\n');
    }
    text.append("author ").append(commit.author().toGitLine()).append('\n');
    text.append("committer ").append(commit.committer().toGitLine()).append('\n');
    for (String header : commit.extraHeaders()) {
      text.append(header).append('\n');
    }
    text.append('\n').append(commit.message());
    return RawObject.of(ObjectType.COMMIT, Utf8.encode(text.toString()));
  }

  /**
   * Decodes a tree: modes Git writes, names that are valid path segments in valid UTF-8,
   * entries in strict Git order (so no duplicates).
   *
   * @throws MalformedObjectException otherwise, or when the object is not a tree
   */
  public static TreeObject decodeTree(RawObject object) {
    requireType(object, ObjectType.TREE);
    byte[] data = object.payload();
    List<TreeEntry> entries = new ArrayList<>();
    int pos = 0;
    TreeEntry previous = null;
    Set<String> names = new HashSet<>();
    while (pos < data.length) {
      int space = indexOf(data, (byte) ' ', pos);
      if (space < 0) {
        throw bad(object, "entry at byte " + pos + " has no mode");
      }
      EntryMode mode = EntryMode.fromOctal(data, pos, space);
      if (mode == null) {
        String octal = Utf8Text.ascii(data, pos, space);
        throw bad(object, "entry at byte " + pos + " has unknown mode '" + q(octal) + "'");
      }
      int nul = indexOf(data, (byte) 0, space + 1);
      if (nul < 0) {
        throw bad(object, "entry at byte " + pos + " has no name terminator");
      }
      String name = strictUtf8(object, data, space + 1, nul);
      String problem = Path.segmentProblem(name);
      if (problem != null) {
        throw bad(object, "entry name '" + q(name) + "': " + problem);
      }
      if (nul + 21 > data.length) {
        throw bad(object, "entry '" + q(name) + "' is truncated");
      }
      TreeEntry entry = new TreeEntry(mode, name, ObjectId.fromBytes(data, nul + 1));
      if (previous != null && TreeEntry.gitOrder(previous, entry) >= 0) {
        throw bad(object, "entries out of order or duplicated at '" + q(name) + "'");
      }
      if (!names.add(name)) {
        // A value and a subtree of one name are not neighbours in Git's order.
        throw bad(object, "duplicate entry name '" + q(name) + "'");
      }
      entries.add(entry);
      previous = entry;
      pos = nul + 21;
    }
    // In Git's order and without duplicates: checked above.
    return TreeObject.ofOrdered(entries);
  }

  /**
   * Decodes a commit: {@code tree}, then {@code parent}s, {@code author}, {@code committer},
   * other headers kept as they are, a blank line and the message.
   *
   * @throws MalformedObjectException when a required header is missing or malformed, or the
   *     object is not a commit
   */
  public static CommitObject decodeCommit(RawObject object) {
    requireType(object, ObjectType.COMMIT);
    String text = strictUtf8(object, object.payload(), 0, object.payload().length);
    int headerEnd = text.indexOf("\n\n");
    if (headerEnd < 0) {
      throw bad(object, "no blank line between headers and message");
    }
    String message = text.substring(headerEnd + 2);
    List<String> lines = Strings.split(text.substring(0, headerEnd), '\n');
    int i = 0;
    ObjectId tree = idHeader(object, lines, i++, "tree");
    List<ObjectId> parents = new ArrayList<>();
    while (i < lines.size() && lines.get(i).startsWith("parent ")) {
      parents.add(idHeader(object, lines, i++, "parent"));
    }
    Person author = personHeader(object, lines, i++, "author");
    Person committer = personHeader(object, lines, i++, "committer");
    List<String> extra = new ArrayList<>();
    while (i < lines.size()) {
      String line = lines.get(i++);
      if (line.isEmpty() || line.startsWith(" ")) {
        throw bad(object, "unexpected header line '" + q(line) + "'");
      }
      StringBuilder header = new StringBuilder(line);
      while (i < lines.size() && lines.get(i).startsWith(" ")) {
        header.append('\n').append(lines.get(i++));
      }
      String name = header.substring(0, Math.max(0, header.indexOf(" ")));
      if (name.equals("tree") || name.equals("parent") || name.equals("author")
          || name.equals("committer")) {
        throw bad(object, "header '" + q(name) + "' out of place");
      }
      extra.add(header.toString());
    }
    return new CommitObject(tree, parents, author, committer, extra, message);
  }

  private static ObjectId idHeader(RawObject object, List<String> lines, int index, String name) {
    String prefix = name + " ";
    if (index >= lines.size() || !lines.get(index).startsWith(prefix)) {
      throw bad(object, "missing '" + name + "' header");
    }
    String hex = lines.get(index).substring(prefix.length());
    if (!ObjectId.isHex(hex) || !hex.equals(hex.toLowerCase())) {
      throw bad(object, "'" + name + "' header has a bad id '" + q(hex) + "'");
    }
    return ObjectId.fromHex(hex);
  }

  private static Person personHeader(RawObject object, List<String> lines, int index, String name) {
    String prefix = name + " ";
    if (index >= lines.size() || !lines.get(index).startsWith(prefix)) {
      throw bad(object, "missing '" + name + "' header");
    }
    String line = lines.get(index).substring(prefix.length());
    int open = line.indexOf(" <");
    int close = line.indexOf("> ", Math.max(open, 0));
    if (open < 0 || close < 0) {
      throw bad(object, "'" + name + "' is not 'Name <email> time zone'");
    }
    List<String> when = Strings.split(line.substring(close + 2), ' ');
    if (when.size() != 2 || !isTime(when.get(0)) || !isZone(when.get(1))) {
      throw bad(object, "'" + name + "' has a bad time '" + q(line.substring(close + 2)) + "'");
    }
    String zone = when.get(1);
    int hours = Integer.parseInt(zone.substring(1, 3));
    int minutes = Integer.parseInt(zone.substring(3, 5));
    int offset = (hours * 60 + minutes) * (zone.charAt(0) == '-' ? -1 : 1);
    try {
      return new Person(line.substring(0, open), line.substring(open + 2, close),
          Long.parseLong(when.get(0)), offset, zone.equals("-0000"));
    } catch (IllegalArgumentException e) {
      throw bad(object, "'" + name + "': " + q(e.getMessage()));
    }
  }

  private static boolean isTime(String text) {
    return Strings.isDigits(text) && text.length() <= 18;
  }

  private static boolean isZone(String text) {
    return text.length() == 5 && (text.charAt(0) == '+' || text.charAt(0) == '-')
        && Strings.isDigits(text.substring(1)) && Integer.parseInt(text.substring(3)) < 60;
  }

  private static void requireType(RawObject object, ObjectType type) {
    if (object.type() != type) {
      throw bad(object, "expected a " + type.gitName() + ", found a " + object.type().gitName());
    }
  }

  private static String strictUtf8(RawObject object, byte[] data, int from, int to) {
    String text = Utf8.decode(data, from, to);
    if (text == null) {
      throw bad(object, "text is not valid UTF-8");
    }
    return text;
  }

  private static int indexOf(byte[] data, byte b, int from) {
    for (int i = from; i < data.length; i++) {
      if (data[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static MalformedObjectException bad(RawObject object, String reason) {
    return new MalformedObjectException(object.id(), reason);
  }

  /** Input quoted in a message: at most 100 characters (objects come from clients). */
  private static String q(String text) {
    return Strings.abbreviate(text, 100);
  }
}
