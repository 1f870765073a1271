package dev.grove.conformance;

import dev.grove.backend.memory.MemoryBackend;
import dev.grove.hash.ObjectId;
import dev.grove.store.Repository;
import dev.grove.store.Verifier;
import dev.grove.sync.LiveSync;
import dev.grove.sync.Progress;
import dev.grove.sync.PullResult;
import dev.grove.sync.PushResult;
import dev.grove.sync.Remote;
import dev.grove.sync.Reply;
import dev.grove.sync.Request;
import dev.grove.sync.SyncException;
import dev.grove.sync.SyncResult;
import dev.grove.sync.Protocol;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;

/**
 * The sync protocol with the backend under test on either side: as the server's repository
 * (pushes written into it, fetches planned from it) and as a client's (fetched objects written
 * into it, live sync on its branch). The other side is a memory repository; requests go
 * through their bytes over a loopback transport.
 */
final class SyncCases {
  private SyncCases() {}

  private static final String CATEGORY = "sync";
  private static final long WAIT_MILLIS = 5000;

  static List<ConformanceCase> cases() {
    List<ConformanceCase> cases = new ArrayList<>();

    add(cases, "push_into_this_backend_then_clone_it_back", f -> {
      Repository other = memory(f);
      other.branch("main").set("notes/a", "1", Fixture.info("a"));
      ObjectId head = other.branch("main").set("notes/b", "2", Fixture.info("b"));
      LoopbackTransport net = new LoopbackTransport(f.repo());
      PushResult pushed = new Remote(other, net).push("main", false, Progress.NONE);
      Check.equal(PushResult.Status.CREATED, pushed.status(), "push outcome");
      Check.equal(head, f.repo().head("main"), "server head");
      clean(f.repo());
      Repository copy = memory(f);
      new Remote(copy, net).cloneAll(Progress.NONE);
      Check.equal(head, copy.head("main"), "cloned head");
      Check.equal("2", Fixture.text(copy.branch("main").get("notes/b")), "cloned value");
    });

    add(cases, "one_new_commit_moves_only_what_changed", f -> {
      for (int i = 0; i < 30; i++) {
        f.main().set("d" + i % 5 + "/k" + i, "v" + i, Fixture.info("c" + i));
      }
      Repository client = memory(f);
      LoopbackTransport net = new LoopbackTransport(f.repo());
      Remote remote = new Remote(client, net);
      remote.cloneAll(Progress.NONE);
      f.main().set("d3/k3", "changed", Fixture.info("one more"));
      PullResult pulled = remote.pull("main", Fixture.info("merge"), Progress.NONE);
      Check.equal(4, pulled.objectsReceived(), "blob, two trees and the commit");
      Check.equal(f.repo().head("main"), client.head("main"), "client head");
      client.branch("main").set("d1/k1", "mine", Fixture.info("mine"));
      PushResult pushed = remote.push("main", false, Progress.NONE);
      Check.equal(PushResult.Status.UPDATED, pushed.status(), "push outcome");
      Check.equal(4, pushed.objectsSent(), "objects sent");
      clean(f.repo());
    });

    add(cases, "fetch_and_sync_into_this_backend", f -> {
      Repository server = memory(f);
      Repository other = memory(f);
      LoopbackTransport net = new LoopbackTransport(server);
      other.branch("main").set("shared", "0", Fixture.info("base"));
      new Remote(other, net).push("main", false, Progress.NONE);
      Remote mine = new Remote(f.repo(), net);
      SortedMap<String, ObjectId> cloned = mine.cloneAll(Progress.NONE);
      Check.equal(server.branches(), cloned, "cloned branches");
      Check.equal(server.branches(), f.repo().branches(), "local branches");
      other.branch("main").set("theirs", "1", Fixture.info("theirs"));
      new Remote(other, net).push("main", false, Progress.NONE);
      f.main().set("mine", "2", Fixture.info("mine"));
      SyncResult result = mine.sync("main", Fixture.info("merge"), 5, Progress.NONE);
      Check.equal(SyncResult.Status.SYNCED, result.status(), "sync outcome");
      Check.equal(server.head("main"), f.repo().head("main"), "same head");
      Check.equal("1", Fixture.text(f.main().get("theirs")), "their change here");
      Check.equal("2", Fixture.text(server.branch("main").get("mine")), "my change there");
      clean(f.repo());
    });

    add(cases, "refused_pushes_change_nothing", f -> {
      Repository other = memory(f);
      other.branch("main").set("k", "v", Fixture.info("one"));
      LoopbackTransport net = new LoopbackTransport(f.repo());
      new Remote(other, net).push("main", false, Progress.NONE);
      byte[] body = net.lastPushBody();
      SortedMap<String, ObjectId> before = f.repo().branches();
      try (Reply cut = net.send(Request.post("push", Protocol.BUNDLE_TYPE,
          Arrays.copyOf(body, body.length - 1)))) {
        Check.equal(400, cut.status(), "truncated push status");
        Check.equal("malformed_bundle", Protocol.errorFrom(cut).code(), "truncated push code");
      }
      try (Reply again = net.send(Request.post("push", Protocol.BUNDLE_TYPE, body))) {
        Check.equal(409, again.status(), "stale push status");
        SyncException e = Protocol.errorFrom(again);
        Check.equal("conflict", e.code(), "stale push code");
      }
      Check.equal(before, f.repo().branches(), "branches unchanged");
      clean(f.repo());
    });

    add(cases, "live_sync_follows_both_sides", f -> {
      Repository server = memory(f);
      Repository other = memory(f);
      LoopbackTransport net = new LoopbackTransport(server);
      List<String> states = new ArrayList<>();
      LiveSync live = LiveSync.start(new Remote(f.repo(), net), "main", Fixture.info("merge"),
          new LiveSync.Listener() {
            @Override
            public void state(String state) {
              synchronized (states) {
                states.add(state);
              }
            }

            @Override
            public void synced(SyncResult result) {}

            @Override
            public void failed(RuntimeException error) {}
          });
      try {
        other.branch("main").set("from/other", "1", Fixture.info("other"));
        new Remote(other, net).push("main", false, Progress.NONE);
        await(() -> f.main().findText("from/other").isPresent(), "the remote change arrives");
        f.main().set("from/here", "2", Fixture.info("here"));
        await(() -> server.branch("main").findText("from/here").isPresent(),
            "the local change reaches the server");
        await(() -> server.head("main").equals(f.repo().head("main")), "one head");
      } finally {
        live.cancel();
      }
      synchronized (states) {
        Check.isTrue(states.contains("live"), "went live: " + states);
        Check.equal("stopped", states.get(states.size() - 1), "last state");
      }
    });

    return cases;
  }

  private static Repository memory(Fixture f) {
    return Repository.open(new MemoryBackend(), f.options());
  }

  private static void clean(Repository repo) {
    Verifier.Report report = Verifier.verify(repo);
    Check.isTrue(report.ok(), "fsck clean: " + report.problems());
  }

  private interface Condition {
    boolean holds();
  }

  private static void await(Condition condition, String what) throws InterruptedException {
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    while (!condition.holds()) {
      Check.isTrue(System.currentTimeMillis() < deadline, "within " + WAIT_MILLIS + " ms: " + what);
      Thread.sleep(10);
    }
  }

  private static void add(List<ConformanceCase> cases, String name, CaseBody body) {
    cases.add(new ConformanceCase(CATEGORY, name, body));
  }
}
