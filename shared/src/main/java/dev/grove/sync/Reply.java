package dev.grove.sync;

import java.io.InputStream;

/**
 * A reply: its status, content type (without parameters, lower case; empty when absent) and
 * body. The body is already decoded from any {@code Content-Encoding}; read it once, then
 * close it.
 */
public record Reply(int status, String contentType, InputStream body) implements AutoCloseable {

  @Override
  public void close() {
    try {
      body.close();
    } catch (java.io.IOException ignored) {
      // Nothing to do: the reply has been read or abandoned.
    }
  }
}
