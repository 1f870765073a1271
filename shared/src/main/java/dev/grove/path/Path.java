package dev.grove.path;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A key of the store: an immutable list of segments, written {@code a/b/c}.
 *
 * <p>A segment is non-empty UTF-8 text with no {@code /} and no NUL, and is neither {@code .}
 * nor {@code ..}. The {@linkplain #ROOT root} (no segments) names the whole tree; it is a valid
 * prefix and directory but never the key of a value. Paths order segment by segment, each
 * segment by its UTF-8 bytes, so a directory sorts before everything inside it.
 */
public final class Path implements Comparable<Path> {
  /** The path with no segments: the root of a tree. */
  public static final Path ROOT = new Path(new String[0]);

  private final String[] segments;

  private Path(String[] segments) {
    this.segments = segments;
  }

  /**
   * Parses {@code a/b/c}. The empty string is the root; a leading, trailing or doubled
   * {@code /} is an empty segment and is rejected.
   *
   * @throws InvalidPathException when any segment breaks the rules
   */
  public static Path parse(String text) {
    if (text == null) {
      throw new InvalidPathException("null", "a path must not be null");
    }
    if (text.isEmpty()) {
      return ROOT;
    }
    List<String> parts = new ArrayList<>();
    int start = 0;
    while (true) {
      int slash = text.indexOf('/', start);
      String part = slash < 0 ? text.substring(start) : text.substring(start, slash);
      checkSegment(text, part);
      parts.add(part);
      if (slash < 0) {
        break;
      }
      start = slash + 1;
    }
    return new Path(parts.toArray(new String[0]));
  }

  /** A path made of the given segments, each checked. */
  public static Path of(String... segments) {
    String[] copy = segments.clone();
    for (String segment : copy) {
      checkSegment(String.join("/", copy), segment);
    }
    return new Path(copy);
  }

  /** A path made of the given segments, each checked. */
  public static Path of(List<String> segments) {
    return of(segments.toArray(new String[0]));
  }

  /**
   * Checks one segment (a tree entry name).
   *
   * @throws InvalidPathException when it breaks the rules
   */
  public static void checkSegment(String path, String segment) {
    String reason = segmentProblem(segment);
    if (reason != null) {
      throw new InvalidPathException(path, reason);
    }
  }

  /** Why {@code segment} is not a valid segment, or null when it is. */
  public static String segmentProblem(String segment) {
    if (segment == null || segment.isEmpty()) {
      return "empty segment";
    }
    if (segment.equals(".") || segment.equals("..")) {
      return "segment '" + segment + "' is not allowed";
    }
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '/') {
        return "segment contains '/'";
      }
      if (c == 0) {
        return "segment contains NUL";
      }
      if (Character.isSurrogate(c)) {
        boolean pairStart = Character.isHighSurrogate(c) && i + 1 < segment.length()
            && Character.isLowSurrogate(segment.charAt(i + 1));
        if (!pairStart) {
          return "segment is not valid UTF-8 (lone surrogate)";
        }
        i++;
      }
    }
    return null;
  }

  public boolean isRoot() {
    return segments.length == 0;
  }

  public int size() {
    return segments.length;
  }

  public String segment(int index) {
    return segments[index];
  }

  public List<String> segments() {
    return Collections.unmodifiableList(Arrays.asList(segments));
  }

  /** The last segment. */
  public String name() {
    if (isRoot()) {
      throw new IllegalStateException("the root has no name");
    }
    return segments[segments.length - 1];
  }

  /** The path without its last segment. */
  public Path parent() {
    if (isRoot()) {
      throw new IllegalStateException("the root has no parent");
    }
    return new Path(Arrays.copyOf(segments, segments.length - 1));
  }

  /** This path followed by one more segment, checked. */
  public Path child(String segment) {
    String problem = segmentProblem(segment);
    if (problem != null) {
      throw new InvalidPathException(this + "/" + segment, problem);
    }
    String[] longer = Arrays.copyOf(segments, segments.length + 1);
    longer[segments.length] = segment;
    return new Path(longer);
  }

  /** This path followed by all segments of {@code suffix}. */
  public Path resolve(Path suffix) {
    String[] longer = Arrays.copyOf(segments, segments.length + suffix.segments.length);
    System.arraycopy(suffix.segments, 0, longer, segments.length, suffix.segments.length);
    return new Path(longer);
  }

  /** The path without its first {@code count} segments. */
  public Path dropFirst(int count) {
    return new Path(Arrays.copyOfRange(segments, count, segments.length));
  }

  /** Whether {@code this} equals {@code prefix} or lies inside it. */
  public boolean startsWith(Path prefix) {
    if (prefix.segments.length > segments.length) {
      return false;
    }
    for (int i = 0; i < prefix.segments.length; i++) {
      if (!segments[i].equals(prefix.segments[i])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int compareTo(Path other) {
    int n = Math.min(segments.length, other.segments.length);
    for (int i = 0; i < n; i++) {
      int c = Utf8Order.compare(segments[i], other.segments[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(segments.length, other.segments.length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Path && Arrays.equals(segments, ((Path) o).segments);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(segments);
  }

  /** The path written {@code a/b/c}; the root is the empty string. */
  @Override
  public String toString() {
    return String.join("/", segments);
  }
}
