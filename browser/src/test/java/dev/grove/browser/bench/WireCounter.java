package dev.grove.browser.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on loopback that counts the bytes going through it: the page talks to the relay's
 * port, the relay to the real server. What it counts is what went over the wire, both ways, as
 * the browser sent and received it: HTTP headers included, bodies as sent (compressed when the
 * server compressed them). One thread per direction of each connection; daemon threads.
 */
final class WireCounter implements AutoCloseable {
  private final ServerSocket listener;
  private final int target;
  private final AtomicLong up = new AtomicLong();
  private final AtomicLong down = new AtomicLong();

  private WireCounter(ServerSocket listener, int target) {
    this.listener = listener;
    this.target = target;
  }

  /** Starts relaying a free loopback port to {@code targetPort} on loopback. */
  static WireCounter start(int targetPort) throws IOException {
    ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    WireCounter counter = new WireCounter(listener, targetPort);
    Thread accept = new Thread(counter::acceptLoop, "wire-counter-" + targetPort);
    accept.setDaemon(true);
    accept.start();
    return counter;
  }

  /** The relay's port. */
  int port() {
    return listener.getLocalPort();
  }

  /** Sets both counts to zero. */
  void reset() {
    up.set(0);
    down.set(0);
  }

  /** Bytes from the browser to the server since the last {@link #reset}. */
  long sent() {
    return up.get();
  }

  /** Bytes from the server to the browser since the last {@link #reset}. */
  long received() {
    return down.get();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
        client.setTcpNoDelay(true);
        server.setTcpNoDelay(true);
        pump(client, server, up);
        pump(server, client, down);
      } catch (IOException e) {
        if (!listener.isClosed()) {
          System.err.println("wire counter: " + e);
        }
      }
    }
  }

  private static void pump(Socket from, Socket to, AtomicLong count) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[64 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          out.write(buffer, 0, n);
          out.flush();
          count.addAndGet(n);
        }
      } catch (IOException e) {
        // the other side closed: the connection is over
      } finally {
        close(from);
        close(to);
      }
    }, "wire-counter-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void close(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }

  /** A loopback address for {@code port}, as a URL prefix. */
  static String origin(int port) {
    return "http://" + new InetSocketAddress(InetAddress.getLoopbackAddress(), port)
        .getAddress().getHostAddress() + ":" + port;
  }
}
