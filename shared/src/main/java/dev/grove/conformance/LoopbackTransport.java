package dev.grove.conformance;

import dev.grove.backend.Subscription;
import dev.grove.store.Repository;
import dev.grove.sync.LocalTransport;
import dev.grove.sync.Reply;
import dev.grove.sync.Request;
import dev.grove.sync.SyncServer;
import dev.grove.sync.Transport;
import dev.grove.sync.TransportException;
import java.util.ArrayDeque;

/**
 * A transport to a {@link SyncServer} in the same process, for the sync cases: requests and
 * replies go through their bytes ({@link LocalTransport}); the network can be switched off, and
 * watch events come from a thread of their own. Uses only what TeaVM has (threads, monitors).
 */
final class LoopbackTransport implements Transport {
  private final Repository serverRepo;
  private final LocalTransport local;
  private volatile boolean online = true;
  private volatile byte[] lastPushBody;

  LoopbackTransport(Repository serverRepo) {
    this.serverRepo = serverRepo;
    this.local = new LocalTransport(serverRepo, "the loopback server", 64L << 20);
  }

  void setOnline(boolean on) {
    online = on;
  }

  /** The body of the last push sent. */
  byte[] lastPushBody() {
    return lastPushBody;
  }

  @Override
  public Reply send(Request request) {
    if (!online) {
      throw new TransportException("the loopback network is off");
    }
    if (request.method().equals("POST") && request.path().equals("push")) {
      lastPushBody = request.body() == null ? new byte[0] : request.body().clone();
    }
    return local.send(request);
  }

  @Override
  public Subscription events(String path, EventListener listener) {
    Stream stream = new Stream(listener);
    if (!online) {
      stream.end(new TransportException("the loopback network is off"));
    } else {
      stream.open();
    }
    Thread thread = new Thread(stream::deliver, "loopback-watch");
    thread.setDaemon(true);
    thread.start();
    return stream;
  }

  /** One watch stream, delivered in order from its own thread. */
  private final class Stream implements Subscription {
    private final EventListener listener;
    private final ArrayDeque<String[]> queue = new ArrayDeque<>();
    private boolean stopped;
    private Subscription watch;

    Stream(EventListener listener) {
      this.listener = listener;
    }

    void open() {
      Subscription registered = serverRepo.backend().refs().watch(change -> push(new String[] {"ref",
          SyncServer.refEventData(change.branch(), change.newHead())}));
      synchronized (this) {
        watch = registered;
      }
      push(new String[] {"refs", SyncServer.refsEventData(serverRepo.branches())});
    }

    void end(TransportException error) {
      push(new String[] {"closed", error.getMessage()});
    }

    private synchronized void push(String[] item) {
      queue.add(item);
      notifyAll();
    }

    @Override
    public void cancel() {
      Subscription registered;
      synchronized (this) {
        stopped = true;
        registered = watch;
        notifyAll();
      }
      if (registered != null) {
        registered.cancel();
      }
    }

    void deliver() {
      while (true) {
        String[] item;
        synchronized (this) {
          while (queue.isEmpty() && !stopped) {
            try {
              wait();
            } catch (InterruptedException e) {
              return;
            }
          }
          if (stopped) {
            return;
          }
          item = queue.poll();
        }
        if (item[0].equals("closed")) {
          listener.closed(new TransportException(item[1]));
          return;
        }
        listener.event(item[0], item[1]);
      }
    }
  }
}
