package dev.grove.server.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --token TOKEN}, else the {@code GROVE_TOKEN} environment variable: the server's token. Never printed. */
final class TokenOption {
  static final String ENV = "GROVE_TOKEN";

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(names = "--token", paramLabel = "TOKEN",
      description = "The server's token (default: the " + ENV + " environment variable; none when unset)."
          + " Prefer " + ENV + ": a token on the command line shows in ps output and in the shell's history.")
  String token;

  /** The token to send, or null for none. */
  String resolve() {
    String found = resolve(token, System.getenv(ENV));
    if (found != null && !isHeaderSafe(found)) {
      throw new ParameterException(spec.commandLine(), "invalid token (from " + (token != null ? "--token"
          : ENV) + "): a token is printable ASCII without spaces");
    }
    return found;
  }

  /** {@code option} when given, else {@code env} when set and not empty, else null. */
  static String resolve(String option, String env) {
    if (option != null) {
      return option;
    }
    return env == null || env.isEmpty() ? null : env;
  }

  private static boolean isHeaderSafe(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= ' ' || c > '~') {
        return false;
      }
    }
    return true;
  }
}
