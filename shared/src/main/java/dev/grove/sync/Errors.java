package dev.grove.sync;

import dev.grove.Strings;

/** The protocol's errors (docs/PROTOCOL.md, "Errors"), made in one place so codes never drift. */
final class Errors {
  private Errors() {}

  /** The most characters of client-supplied text an error message quotes. */
  static final int MAX_QUOTED = 100;

  /**
   * {@code text} as an error message may quote it: at most {@link #MAX_QUOTED} characters
   * (then {@code "..."}), so an answer never echoes unbounded input.
   */
  static String quote(Object text) {
    return Strings.abbreviate(text, MAX_QUOTED);
  }

  static SyncException badRequest(String message) {
    return new SyncException(400, "bad_request", message);
  }

  static SyncException unsupportedProtocol(Object version) {
    return new SyncException(400, "unsupported_protocol",
        "protocol version " + quote(version) + " is not supported (this side speaks " + Protocol.VERSION + ")");
  }

  static SyncException invalidBranch(String message) {
    return new SyncException(400, "invalid_branch", message);
  }

  static SyncException malformedBundle(String message) {
    return new SyncException(400, "malformed_bundle", message);
  }

  static SyncException badObjectId(String message) {
    return new SyncException(400, "bad_object_id", message);
  }

  static SyncException malformedObject(String message) {
    return new SyncException(400, "malformed_object", message);
  }

  static SyncException missingObjects(String message) {
    return new SyncException(400, "missing_objects", message);
  }

  static SyncException wrongObjectType(String message) {
    return new SyncException(400, "wrong_object_type", message);
  }

  static SyncException unknownObject(String message) {
    return new SyncException(400, "unknown_object", message);
  }

  static SyncException tooManyIds(String message) {
    return new SyncException(400, "too_many_ids", message);
  }

  static SyncException tooLarge(long limit) {
    return new SyncException(413, "body_too_large", "the body is larger than " + limit + " bytes");
  }

  static SyncException tooManyObjects(int count, int limit) {
    return new SyncException(413, "too_many_objects", "the bundle announces " + count
        + " objects (at most " + limit + " in one push)");
  }

  /** The server's answer is not what the protocol says (a client-side check). */
  static SyncException badResponse(String message) {
    return new SyncException(502, "bad_response", message);
  }
}
