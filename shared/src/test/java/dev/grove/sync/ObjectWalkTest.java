package dev.grove.sync;

import static dev.grove.sync.Replicas.info;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.backend.memory.MemoryBackend;
import dev.grove.hash.ObjectId;
import dev.grove.object.CommitObject;
import dev.grove.object.ObjectCodec;
import dev.grove.object.ObjectType;
import dev.grove.object.RawObject;
import dev.grove.object.TreeObject;
import dev.grove.store.Clock;
import dev.grove.store.Repository;
import dev.grove.store.RepositoryOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** What the walk plans: children first, each object once, complete under merges and clock skew. */
class ObjectWalkTest {

  @Test
  void aClockRunningBackwardsSendsMoreNeverLess() throws IOException {
    long[] now = {2_000_000_000L};
    Clock backwards = new Clock() {
      @Override
      public synchronized long epochSeconds() {
        return now[0] -= 100;
      }

      @Override
      public int offsetMinutes() {
        return 0;
      }
    };
    Repository server = Repository.open(new MemoryBackend(),
        RepositoryOptions.defaults().withClock(backwards));
    Repository client = Replicas.memory(0);
    for (int i = 0; i < 3; i++) {
      server.branch("main").set("k" + i, "v" + i, info("c" + i));
    }
    new Remote(client, new InProcessTransport(server)).cloneAll(Progress.NONE);
    ObjectId have = server.head("main");
    for (int i = 3; i < 8; i++) {
      server.branch("main").set("k" + i, "v" + i, info("c" + i));
    }
    ObjectWalk.Plan plan = new ObjectWalk(server.backend().objects())
        .plan(List.of(server.head("main")), List.of(have), Progress.NONE);
    assertTrue(plan.commits >= 5, "commits planned: " + plan.commits);
    assertReceivable(plan, server, client);
  }

  @Test
  void mergesSendBothSidesChildrenFirstEachObjectOnce() throws IOException {
    Repository server = Replicas.memory(0);
    server.branch("main").set("base/x", "0", info("base"));
    ObjectId base = server.head("main");
    server.fork("main", "side");
    for (int i = 0; i < 3; i++) {
      server.branch("main").set("main/k" + i, "m" + i, info("main " + i));
      server.branch("side").set("side/k" + i, "s" + i, info("side " + i));
    }
    server.branch("main").mergeBranch("side", info("merge"));
    server.branch("main").set("shared", "same", info("same value"));
    server.branch("side").set("shared", "same", info("same value on side"));

    Repository client = Replicas.memory(5000);
    ObjectWalk.Plan plan = new ObjectWalk(server.backend().objects())
        .plan(List.of(server.head("main"), server.head("side")), List.of(), Progress.NONE);
    Set<ObjectId> unique = new HashSet<>(plan.ids);
    assertEquals(plan.ids.size(), unique.size(), "each object once");
    assertEquals(10, plan.commits);
    assertReceivable(plan, server, client);

    // With the base as a have: only what came after it on main (3 + 3 + merge + 1).
    ObjectWalk.Plan after = new ObjectWalk(server.backend().objects())
        .plan(List.of(server.head("main")), List.of(base), Progress.NONE);
    assertEquals(8, after.commits, "commits after the base on main");
  }

  @Test
  void aMergeSendsNothingEitherParentAlreadyHolds() throws IOException {
    Repository server = Replicas.memory(0);
    server.branch("main").set("notes/today", "buy milk", info("base"));
    server.fork("main", "phone");
    server.branch("phone").set("notes/later", "call Bob", info("on the phone"));
    Repository client = Replicas.memory(5000);
    new Remote(client, new InProcessTransport(server)).cloneAll(Progress.NONE);
    ObjectId phone = server.head("phone");

    server.branch("main").set("notes/today", "buy oat milk", info("on the laptop"));
    server.branch("main").mergeBranch("phone", info("merge"));
    ObjectWalk.Plan plan = new ObjectWalk(server.backend().objects())
        .plan(List.of(server.head("main")), List.of(phone), Progress.NONE);
    // The laptop's commit: its value, notes/, the root, the commit (4). The merge: notes/, the
    // root, the commit (3); 'call Bob' is the phone's, which the client has.
    assertEquals(2, plan.commits);
    assertEquals(7, plan.size(), "objects planned");
    assertReceivable(plan, server, client);
  }

  @Test
  void versionsOfOnePathGoSideBySideAndEveryObjectAfterWhatItHolds() throws IOException {
    Repository server = Replicas.memory(0);
    server.branch("main").set("c/v", "1", info("c"));
    // The same tree ({v: 1}) again, one level deeper: met first at c/, held by a/ below a/b/.
    server.branch("main").set("a/b/v", "1", info("a/b"));
    for (int i = 0; i < 6; i++) {
      server.branch("main").set("dir/k" + i, "d" + i, info("dir " + i));
      server.branch("main").set("other/k" + i, "o" + i, info("other " + i));
    }
    ObjectWalk.Plan plan = new ObjectWalk(server.backend().objects())
        .plan(List.of(server.head("main")), List.of(), Progress.NONE);
    assertReceivable(plan, server, Replicas.memory(5000));

    List<Integer> dirTrees = new ArrayList<>();
    for (ObjectId commit = server.head("main"); commit != null; ) {
      CommitObject decoded = ObjectCodec.decodeCommit(server.backend().objects().read(commit).get());
      TreeObject root = ObjectCodec.decodeTree(server.backend().objects().read(decoded.tree()).get());
      root.entries().stream().filter(e -> e.name().equals("dir"))
          .forEach(e -> dirTrees.add(plan.ids.indexOf(e.id())));
      commit = decoded.parents().isEmpty() ? null : decoded.parents().get(0);
    }
    Set<Integer> versions = new TreeSet<>(dirTrees);
    assertEquals(6, versions.size(), "six versions of dir/: " + dirTrees);
    int first = ((TreeSet<Integer>) versions).first();
    assertEquals(first + 5, ((TreeSet<Integer>) versions).last(), "side by side: " + versions);
  }

  /** The plan, as a bundle, passes the receiver's checks against {@code client}'s store. */
  private static void assertReceivable(ObjectWalk.Plan plan, Repository server, Repository client)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("objects", plan.size());
    BundleWriter writer = new BundleWriter(out, header);
    for (int i = 0; i < plan.size(); i++) {
      writer.write(plan.object(i, server.backend().objects()));
    }
    writer.finish();
    BundleReader reader = new BundleReader(new ByteArrayInputStream(out.toByteArray()), Long.MAX_VALUE);
    reader.readHeader();
    Receiver.Received received = new Receiver(client.backend().objects(), client.branches().values())
        .receive(reader, Progress.NONE);
    for (RawObject object : received.objects()) {
      if (object.type() == ObjectType.COMMIT) {
        assertTrue(plan.listed(object.id()));
      }
    }
  }
}
