package dev.grove.server.cli;

import dev.grove.GroveException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every failure into one line {@code grove: MESSAGE} on standard error and an exit status,
 * never a stack trace (unless the environment sets {@code GROVE_DEBUG}). A wrong command line
 * gets a second line pointing to the command's help.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

  @Override
  public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parsed) {
    if (e instanceof ParameterException) {
      return handleParseException((ParameterException) e, new String[0]);
    }
    PrintWriter err = commandLine.getErr();
    err.println("grove: " + describe(e));
    if (System.getenv("GROVE_DEBUG") != null) {
      e.printStackTrace(err);
    }
    err.flush();
    return e instanceof CommandException ? ((CommandException) e).exitCode() : ExitCodes.FAILED;
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine commandLine = e.getCommandLine();
    PrintWriter err = commandLine.getErr();
    err.println("grove: " + usageMessage(e));
    err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    return ExitCodes.USAGE;
  }

  private static String usageMessage(ParameterException e) {
    CommandLine commandLine = e.getCommandLine();
    if (e instanceof UnmatchedArgumentException) {
      UnmatchedArgumentException unmatched = (UnmatchedArgumentException) e;
      List<String> args = unmatched.getUnmatched();
      String first = args.isEmpty() ? "" : args.get(0);
      String text;
      if (!first.startsWith("-") && !commandLine.getSubcommands().isEmpty()) {
        text = "'" + first + "' is not a " + commandLine.getCommandSpec().qualifiedName() + " command";
      } else if (first.startsWith("-")) {
        text = "unknown option '" + first + "'";
      } else {
        text = "unexpected argument '" + first + "'";
      }
      List<String> suggestions = first.startsWith("-") ? unmatched.getSuggestions()
          : similarNames(first, commandLine.getSubcommands().keySet());
      if (!suggestions.isEmpty()) {
        text += " (did you mean " + String.join(" or ", suggestions) + "?)";
      }
      return text;
    }
    return lowerFirst(e.getMessage());
  }

  /** The names at most two typos (edits or swaps of neighbours) away from {@code typed}. */
  private static List<String> similarNames(String typed, Collection<String> names) {
    List<String> out = new ArrayList<>();
    for (String name : names) {
      if (!name.equals("help") && distance(typed, name) <= Math.min(2, name.length() / 2)) {
        out.add(name);
      }
    }
    return out;
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
  private static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      for (int j = 0; j <= b.length(); j++) {
        if (i == 0 || j == 0) {
          d[i][j] = i + j;
          continue;
        }
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  /** One line saying what went wrong, for a person. */
  static String describe(Throwable e) {
    if (e instanceof CommandException || e instanceof GroveException) {
      return e.getMessage();
    }
    if (e instanceof UncheckedIOException && e.getCause() != null) {
      return describe(e.getCause());
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory: " + ((NoSuchFileException) e).getFile();
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied: " + ((AccessDeniedException) e).getFile();
    }
    if (e instanceof FileSystemException) {
      FileSystemException fs = (FileSystemException) e;
      return fs.getFile() + ": " + (fs.getReason() != null ? fs.getReason() : "I/O error");
    }
    if (e instanceof IOException) {
      return "I/O error: " + e.getMessage();
    }
    return "internal error: " + e + " (set GROVE_DEBUG=1 to see where)";
  }

  private static String lowerFirst(String text) {
    if (text == null || text.isEmpty()) {
      return "invalid command line";
    }
    String first = text.substring(0, 1);
    boolean acronym = text.length() > 1 && Character.isUpperCase(text.charAt(1));
    return acronym ? text : first.toLowerCase(Locale.ROOT) + text.substring(1);
  }
}
