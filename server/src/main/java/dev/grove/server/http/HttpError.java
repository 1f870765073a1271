package dev.grove.server.http;

/**
 * An error answer of this server's own (not the core's): an HTTP status, a stable code from
 * docs/PROTOCOL.md and a message for people. Thrown by handlers, answered as a JSON body.
 */
final class HttpError extends RuntimeException {
  private final int status;
  private final String code;

  HttpError(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  static HttpError unauthorized() {
    return new HttpError(401, "unauthorized", "a valid token is needed (Authorization: Bearer TOKEN)");
  }

  static HttpError forbidden() {
    return new HttpError(403, "forbidden", "this token may only read; pushing needs a write token");
  }

  static HttpError repositoryNotFound(String name) {
    return new HttpError(404, "repository_not_found", "no repository named '" + name + "'");
  }

  static HttpError bodyTooLarge(long limit) {
    return new HttpError(413, "body_too_large", "the request body is over the server's limit of "
        + limit + " bytes");
  }
}
