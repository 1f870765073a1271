package dev.grove.sync;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.hash.ObjectId;
import dev.grove.object.RawObject;
import dev.grove.store.CountingBackend;
import dev.grove.store.Repository;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reachability from branch heads: found when reachable, cheap near a head, tolerant of skew. */
class BranchReachTest {

  @Test
  void findsAncestorsNearAndFarAndNotOthers() {
    CountingBackend backend = new CountingBackend();
    Repository repo = Repository.open(backend, Replicas.options(0));
    RawObject tree = Crafted.tree();
    Crafted.store(repo, tree);
    List<RawObject> chain = chain(repo, tree.id(), 50, 0);
    RawObject stray = Crafted.commit(tree.id(), Replicas.START + 1000, chain.get(10).id());
    Crafted.store(repo, stray);
    Crafted.createBranch(repo, "main", chain.get(49).id());

    backend.reset();
    BranchReach reach = new BranchReach(repo.backend().objects(), List.of(chain.get(49).id()));
    assertTrue(reach.reachesStored(chain.get(48).id()));
    assertTrue(backend.reads.size() <= 3, "reads near the head: " + backend.reads);
    assertTrue(reach.reachesStored(chain.get(0).id()));
    assertFalse(reach.reachesStored(stray.id()), "a newer commit no branch reaches");
    assertFalse(reach.reachesStored(ObjectId.fromHex("12".repeat(20))));
  }

  @Test
  void aCommitBelowAFewOlderOnesIsStillFound() {
    Repository repo = Replicas.memory(0);
    RawObject tree = Crafted.tree();
    Crafted.store(repo, tree);
    // Times 100, 101, 102, then three commits whose clock ran back to 0, 1, 2, then 200.
    List<RawObject> chain = new ArrayList<>();
    long[] times = {100, 101, 102, 0, 1, 2, 200};
    ObjectId parent = null;
    for (long time : times) {
      RawObject commit = parent == null ? Crafted.commit(tree.id(), Replicas.START + time)
          : Crafted.commit(tree.id(), Replicas.START + time, parent);
      Crafted.store(repo, commit);
      chain.add(commit);
      parent = commit.id();
    }
    BranchReach reach = new BranchReach(repo.backend().objects(), List.of(parent));
    assertTrue(reach.reachesStored(chain.get(1).id()), "found below three skewed commits");
  }

  @Test
  void aWantTheLocalWalkMissesBecauseOfSkewIsStillFetchedComplete() {
    // W (time 500) lies below eight commits whose clock ran back to 0..7, under head H (1000):
    // walking from H gives up before W, so the client asks for W although it has it.
    Repository server = Replicas.memory(0);
    Repository client = Replicas.memory(0);
    RawObject value = Crafted.blob("v");
    RawObject tree = Crafted.tree("100644", "k", value.id());
    List<RawObject> objects = new ArrayList<>(List.of(value, tree));
    RawObject w = Crafted.commit(tree.id(), Replicas.START + 500);
    objects.add(w);
    ObjectId parent = w.id();
    for (int i = 7; i >= 0; i--) {
      RawObject skewed = Crafted.commit(tree.id(), Replicas.START + i, parent);
      objects.add(skewed);
      parent = skewed.id();
    }
    RawObject h = Crafted.commit(tree.id(), Replicas.START + 1000, parent);
    objects.add(h);
    for (Repository repo : List.of(server, client)) {
      Crafted.store(repo, objects.toArray(new RawObject[0]));
      Crafted.createBranch(repo, "main", h.id());
    }
    Crafted.createBranch(server, "other", w.id());
    assertFalse(new BranchReach(client.backend().objects(), List.of(h.id()))
        .reachesStored(w.id()), "the walk gives up (else this test tests nothing)");

    new Remote(client, new InProcessTransport(server)).fetch(List.of("other"), Progress.NONE);
    Replicas.assertClean(client);
  }

  private static List<RawObject> chain(Repository repo, ObjectId tree, int n, long from) {
    List<RawObject> out = new ArrayList<>();
    ObjectId parent = null;
    for (int i = 0; i < n; i++) {
      RawObject commit = parent == null ? Crafted.commit(tree, Replicas.START + from + i)
          : Crafted.commit(tree, Replicas.START + from + i, parent);
      Crafted.store(repo, commit);
      out.add(commit);
      parent = commit.id();
    }
    return out;
  }
}
