package dev.grove.sync;

import dev.grove.GroveException;

/**
 * A protocol error, with its stable code (docs/PROTOCOL.md lists them) and the HTTP status
 * that carries it on the wire: bad input from the other side (a malformed bundle, an object
 * whose bytes do not hash to its id, a broken closure) or an error answer from the server
 * (unauthorized, forbidden, repository_not_found, ...).
 */
public class SyncException extends GroveException {
  private final int status;

  public SyncException(int status, String code, String message) {
    super(code, message);
    this.status = status;
  }

  /** The HTTP status this error is answered with (or was answered with): 4xx for bad input. */
  public int status() {
    return status;
  }
}
