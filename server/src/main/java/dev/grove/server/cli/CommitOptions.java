package dev.grove.server.cli;

import dev.grove.store.CommitInfo;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code -m MESSAGE} and {@code --author "Name <email>"}: who makes a commit and why. */
final class CommitOptions {
  private static final Pattern AUTHOR = Pattern.compile("\\s*([^<>\\n]*?)\\s*<([^<>\\n]*)>\\s*");

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(names = {"-m", "--message"}, paramLabel = "MESSAGE",
      description = "The commit message (default: what the command did, e.g. \"set a/b\").")
  String message;

  @Option(names = "--author", paramLabel = "\"NAME <EMAIL>\"",
      description = "The commit's author and committer (default: Grove <grove@localhost>).")
  String author;

  /** The commit info asked for, with {@code defaultMessage} when {@code -m} was not given. */
  CommitInfo info(String defaultMessage) {
    String text = message != null ? message : defaultMessage;
    if (author == null) {
      return CommitInfo.message(text);
    }
    Matcher m = AUTHOR.matcher(author);
    if (!m.matches() || m.group(1).isEmpty() || m.group(2).isEmpty()) {
      throw new ParameterException(spec.commandLine(),
          "invalid --author '" + author + "': expected \"Name <email>\"");
    }
    return CommitInfo.by(m.group(1), m.group(2), text);
  }
}
