package dev.grove.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.object.RawObject;
import dev.grove.store.Repository;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A path whose id stays the same while its kind changes (a gitlink becoming a value of the same
 * id, a value becoming a tree) is a change: the walk sends the new object.
 */
class GitlinkWalkTest {

  @Test
  void aValueReplacingAGitlinkOfTheSameIdIsSent() {
    Repository server = Replicas.memory(0);
    RawObject blob = Crafted.blob("the value whose id the gitlink names");
    RawObject parentTree = Crafted.tree("160000", "m", blob.id());
    RawObject parent = Crafted.commit(parentTree.id(), Replicas.START);
    RawObject childTree = Crafted.tree("100644", "m", blob.id());
    RawObject child = Crafted.commit(childTree.id(), Replicas.START + 1, parent.id());
    Crafted.store(server, parentTree, parent, blob, childTree, child);
    Crafted.createBranch(server, "main", child.id());

    ObjectWalk.Plan plan = new ObjectWalk(server.backend().objects())
        .plan(List.of(child.id()), List.of(), Progress.NONE);
    assertTrue(plan.listed(blob.id()), "the value is in the bundle");

    Repository client = Replicas.memory(100);
    new Remote(client, new InProcessTransport(server)).cloneAll(Progress.NONE);
    assertEquals(child.id(), client.head("main"));
    assertEquals("the value whose id the gitlink names", Replicas.text(client, "main", "m"));
    Replicas.assertClean(client);
  }

  @Test
  void aFetchAfterTheGitlinkCommitSendsTheValue() {
    Repository server = Replicas.memory(0);
    RawObject blob = Crafted.blob("named by a gitlink first");
    RawObject parentTree = Crafted.tree("160000", "m", blob.id());
    RawObject parent = Crafted.commit(parentTree.id(), Replicas.START);
    Crafted.store(server, parentTree, parent);
    Crafted.createBranch(server, "main", parent.id());
    Repository client = Replicas.memory(100);
    Remote remote = new Remote(client, new InProcessTransport(server));
    remote.cloneAll(Progress.NONE);

    RawObject childTree = Crafted.tree("100644", "m", blob.id());
    RawObject child = Crafted.commit(childTree.id(), Replicas.START + 1, parent.id());
    Crafted.store(server, blob, childTree, child);
    server.backend().write(new dev.grove.backend.WriteBatch(List.of(), List.of(
        new dev.grove.backend.RefUpdate("main", parent.id(), child.id()))));
    remote.pull("main", Replicas.info("pull"), Progress.NONE);
    assertEquals(child.id(), client.head("main"));
    assertEquals("named by a gitlink first", Replicas.text(client, "main", "m"));
    Replicas.assertClean(client);
    assertTrue(client.backend().objects().contains(blob.id()));
  }
}
