package dev.grove.server.cli;

import dev.grove.store.CommitInfo;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --author "Name <email>"}: who makes a commit. Each committing command declares its own
 * {@code -m MESSAGE} (see {@link #MESSAGE_HELP}), so that its help shows its own default message.
 */
final class CommitOptions {
  private static final Pattern AUTHOR = Pattern.compile("\\s*([^<>\\n]*?)\\s*<([^<>\\n]*)>\\s*");

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  /** The start of the description of {@code -m}; a command adds its default, {@code "rm PATH")}. */
  static final String MESSAGE_HELP = "The commit message (default: ";

  @Option(names = "--author", paramLabel = "\"NAME <EMAIL>\"",
      description = "The commit's author and committer (default: Grove <grove@localhost>).")
  String author;

  /** The commit info for {@code message} ({@code -m}), or {@code defaultMessage} when it is null. */
  CommitInfo info(String message, String defaultMessage) {
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
