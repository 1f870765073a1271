package dev.grove.server.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may do what: checks a request's {@code Authorization} header against the tokens. A bearer
 * token ({@code Bearer TOKEN}) or, for Git, basic auth with the token as the password (any user
 * name). Reads need no token when the server allows anonymous reads; a token that is given must
 * be valid all the same.
 */
final class Access {
  private final Tokens tokens;
  private final boolean anonymousRead;

  Access(Tokens tokens, boolean anonymousRead) {
    this.tokens = tokens;
    this.anonymousRead = anonymousRead;
  }

  /**
   * Checks that the request may do what {@code needed} allows.
   *
   * @param authorization the {@code Authorization} header, or null
   * @throws HttpError 401 {@code unauthorized} (no token where one is needed, or an unknown one),
   *     403 {@code forbidden} (a read token for a write)
   */
  void check(String authorization, Scope needed) {
    Optional<String> token = tokenOf(authorization);
    if (token.isEmpty()) {
      if (needed == Scope.READ && anonymousRead) {
        return;
      }
      throw HttpError.unauthorized();
    }
    Scope scope = tokens.authenticate(token.get()).orElseThrow(HttpError::unauthorized);
    if (!scope.allows(needed)) {
      throw HttpError.forbidden();
    }
  }

  /** Whether {@link #check} would let the request do what {@code needed} allows. */
  boolean allows(String authorization, Scope needed) {
    try {
      check(authorization, needed);
      return true;
    } catch (HttpError refused) {
      return false;
    }
  }

  /** The token in a {@code Bearer} or {@code Basic} (as the password) header, if any. */
  static Optional<String> tokenOf(String authorization) {
    if (authorization == null) {
      return Optional.empty();
    }
    String header = authorization.trim();
    int space = header.indexOf(' ');
    if (space < 0) {
      return Optional.empty();
    }
    String scheme = header.substring(0, space).toLowerCase(Locale.ROOT);
    String value = header.substring(space + 1).trim();
    if (scheme.equals("bearer")) {
      return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
    if (scheme.equals("basic")) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
      int colon = decoded.indexOf(':');
      String password = colon < 0 ? "" : decoded.substring(colon + 1);
      return password.isEmpty() ? Optional.empty() : Optional.of(password);
    }
    return Optional.empty();
  }
}
