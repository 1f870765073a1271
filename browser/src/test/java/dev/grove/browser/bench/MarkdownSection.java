package dev.grove.browser.bench;

/**
 * Replaces the text between two marker lines of a Markdown file, leaving the rest untouched:
 * what {@code ./benchmark peers} does to docs/BENCHMARKS.md's "Side by side" section. The
 * markers are HTML comments ({@code <!-- NAME:begin -->} and {@code <!-- NAME:end -->}, each on
 * a line of its own), which Markdown does not show.
 */
final class MarkdownSection {
  private MarkdownSection() {}

  static String begin(String name) {
    return "<!-- " + name + ":begin -->";
  }

  static String end(String name) {
    return "<!-- " + name + ":end -->";
  }

  /**
   * {@code document} with the lines between its markers {@code name} replaced by
   * {@code content} (a final newline added when missing).
   *
   * @throws IllegalArgumentException when either marker is missing, repeated, or the end comes
   *     before the begin: nothing is replaced then
   */
  static String replace(String document, String name, String content) {
    String begin = begin(name) + "\n";
    String end = end(name);
    int from = document.indexOf(begin);
    int to = document.indexOf(end);
    if (from < 0 || to < 0) {
      throw new IllegalArgumentException("no markers " + begin.trim() + " and " + end + " (each on its own line)");
    }
    if (document.indexOf(begin, from + 1) >= 0 || document.indexOf(end, to + 1) >= 0) {
      throw new IllegalArgumentException("the markers " + name + " appear more than once");
    }
    if (to < from + begin.length() || (to > 0 && document.charAt(to - 1) != '\n')) {
      throw new IllegalArgumentException("the end marker of " + name + " must be on a line after the begin marker");
    }
    String body = content.isEmpty() || content.endsWith("\n") ? content : content + "\n";
    return document.substring(0, from + begin.length()) + body + document.substring(to);
  }
}
