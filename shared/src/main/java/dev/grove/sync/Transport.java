package dev.grove.sync;

import dev.grove.backend.Subscription;

/**
 * How a client reaches one remote repository, whose URL is fixed when the transport is made
 * ({@code http://HOST:PORT/repos/NAME}). Everything above this interface, the protocol and the
 * client algorithm, is shared by the JVM and the browser; a transport only moves bytes: the JDK
 * HTTP client on the JVM, {@code fetch} in the browser.
 *
 * <p>A transport adds the {@code Authorization: Bearer TOKEN} header when it has a token. It
 * accepts any HTTP status: turning a status into an outcome or an error is the caller's job.
 * Calls block (in the browser, a green thread waits on the Promise); they may be made from
 * several threads at once.
 */
public interface Transport {

  /**
   * Sends one request and returns the reply, whatever its status.
   *
   * @throws TransportException when no reply arrives: the server is unreachable, the connection
   *     broke, or the transport was closed
   */
  Reply send(Request request);

  /**
   * Opens the server-sent event stream at {@code path} (relative to the repository's URL) and
   * hands each event to {@code listener}, in order, from one thread at a time. When the stream
   * ends or cannot be opened, {@link EventListener#closed} is called once with the reason;
   * the transport does not reconnect (the caller decides when to).
   *
   * @return a handle; cancelling it closes the stream, and then {@code closed} is not called
   */
  Subscription events(String path, EventListener listener);

  /** Receives a server-sent event stream. */
  interface EventListener {
    /** One event: its {@code event:} name ({@code message} when absent) and its data lines joined by newlines. */
    void event(String name, String data);

    /**
     * The stream ended. {@code error} says why: a {@link TransportException} when the network
     * failed, a {@link SyncException} with the server's code when it answered with an error
     * status, or {@code null} when the server closed the stream normally.
     */
    void closed(RuntimeException error);
  }
}
