package dev.grove.sync;

import dev.grove.GroveException;

/**
 * No reply from the remote: it is unreachable, the connection broke mid-way, or the transport
 * was closed. Code {@code network}. Retrying later may succeed; nothing was acknowledged.
 */
public class TransportException extends GroveException {
  public TransportException(String message) {
    super("network", message);
  }

  public TransportException(String message, Throwable cause) {
    super("network", message, cause);
  }
}
