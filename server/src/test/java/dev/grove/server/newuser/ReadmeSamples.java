package dev.grove.server.newuser;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The code samples of a Markdown file, and the transcript format of its shell samples.
 *
 * <p>A shell sample is a {@code console} block: a line {@code $ COMMAND} is a command, a line
 * {@code # …} before a command is prose, and the other lines up to the next command are what
 * the command prints (standard output and standard error, as a terminal shows them). In
 * printed lines, {@code …} stands for any text, and a line that is only {@code …} for any
 * number of lines; object ids (7 to 40 hex digits) match any id; blank lines are left out.
 */
final class ReadmeSamples {
  /** A fenced block: its language tag, its text, and the line of the file it starts on. */
  record Block(String language, String text, int line) {}

  /** A command of a transcript and the lines it is shown to print. */
  record Command(String text, List<String> printed, int line) {}

  private static final Pattern FENCE = Pattern.compile("^```\\s*([A-Za-z0-9_-]*)\\s*$");
  private static final Pattern ID = Pattern.compile("\\b[0-9a-f]{7,40}\\b");
  static final String ANY = "…";

  private ReadmeSamples() {}

  /** Every fenced block of {@code markdown}, in order. */
  static List<Block> blocks(String markdown) {
    List<Block> blocks = new ArrayList<>();
    String[] lines = markdown.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher open = FENCE.matcher(lines[i]);
      if (!open.matches()) {
        continue;
      }
      int start = i + 1;
      int end = start;
      while (end < lines.length && !lines[end].startsWith("```")) {
        end++;
      }
      if (end == lines.length) {
        throw new AssertionError("a code block opened on line " + (i + 1) + " is never closed");
      }
      blocks.add(new Block(open.group(1), String.join("\n", List.of(lines).subList(start, end)), start + 1));
      i = end;
    }
    return blocks;
  }

  /** The commands of a {@code console} block, each with the lines it is shown to print. */
  static List<Command> commands(Block block) {
    List<Command> commands = new ArrayList<>();
    String command = null;
    int commandLine = 0;
    List<String> printed = new ArrayList<>();
    String[] lines = block.text().split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.startsWith("$ ")) {
        if (command != null) {
          commands.add(new Command(command, List.copyOf(printed), commandLine));
        }
        command = line.substring(2);
        commandLine = block.line() + i;
        printed.clear();
      } else if (command == null) {
        if (!line.isBlank() && !isProse(line)) {
          throw new AssertionError("line " + (block.line() + i) + ": a console block starts with prose (# …) or a command ($ …)");
        }
      } else if (!line.isBlank() && !isProse(line)) {
        printed.add(line);
      }
    }
    if (command != null) {
      commands.add(new Command(command, List.copyOf(printed), commandLine));
    }
    return commands;
  }

  private static boolean isProse(String line) {
    return line.startsWith("# ") || line.equals("#");
  }

  /** Object ids in {@code text} replaced by {@code <id>}. */
  static String maskIds(String text) {
    return ID.matcher(text).replaceAll("<id>");
  }

  /**
   * Whether {@code actual} (the lines a command printed, blank ones left out) is what
   * {@code shown} shows, with {@code …} and ids as the class comment says.
   */
  static boolean matches(List<String> shown, List<String> actual) {
    return matchFrom(shown, 0, actual, 0);
  }

  private static boolean matchFrom(List<String> shown, int s, List<String> actual, int a) {
    if (s == shown.size()) {
      return a == actual.size();
    }
    if (shown.get(s).trim().equals(ANY)) {
      for (int skip = a; skip <= actual.size(); skip++) {
        if (matchFrom(shown, s + 1, actual, skip)) {
          return true;
        }
      }
      return false;
    }
    return a < actual.size() && lineMatches(shown.get(s), actual.get(a)) && matchFrom(shown, s + 1, actual, a + 1);
  }

  static boolean lineMatches(String shown, String actual) {
    String[] parts = maskIds(shown.stripTrailing()).split(ANY, -1);
    StringBuilder regex = new StringBuilder(Pattern.quote(parts[0]));
    for (int i = 1; i < parts.length; i++) {
      regex.append(".*").append(Pattern.quote(parts[i]));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(maskIds(actual.stripTrailing())).matches();
  }
}
