package dev.grove.sync;

/** The protocol's errors (docs/PROTOCOL.md, "Errors"), made in one place so codes never drift. */
final class Errors {
  private Errors() {}

  static SyncException badRequest(String message) {
    return new SyncException(400, "bad_request", message);
  }

  static SyncException unsupportedProtocol(Object version) {
    return new SyncException(400, "unsupported_protocol",
        "protocol version " + version + " is not supported (this side speaks " + Protocol.VERSION + ")");
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

  /** The server's answer is not what the protocol says (a client-side check). */
  static SyncException badResponse(String message) {
    return new SyncException(502, "bad_response", message);
  }
}
