package dev.grove.server.http;

import java.util.Locale;
import java.util.Optional;

/** What a token may do: {@link #READ} reads every repository, {@link #WRITE} also pushes (and creates). */
public enum Scope {
  READ,
  WRITE;

  /** Whether a token of this scope may do what {@code needed} requires. */
  public boolean allows(Scope needed) {
    return this == WRITE || needed == READ;
  }

  /** The name in the tokens file and on the command line: {@code read}, {@code write}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The scope labelled {@code text}, or empty. */
  public static Optional<Scope> parse(String text) {
    for (Scope scope : values()) {
      if (scope.label().equals(text)) {
        return Optional.of(scope);
      }
    }
    return Optional.empty();
  }
}
