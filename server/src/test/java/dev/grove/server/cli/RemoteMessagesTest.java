package dev.grove.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.hash.ObjectId;
import dev.grove.server.storage.Stores;
import dev.grove.sync.PushResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the sync commands say in the cases a review found wrong: each says what happened, once, and shows no secret. */
class RemoteMessagesTest extends SyncCliTestBase {

  @Test
  void authHintsSayWhatToDoOnceAndARefusedTokenIsCalledRefused() {
    serve("git");
    Path a = store("git");
    in(a, "set", "k", "v").ok();
    in(a, "remote", "add", "origin", url()).ok();
    GroveRun none = in(a, "push").fails(1, "unauthorized");
    assertTrue(none.err().contains("(give a token with the GROVE_TOKEN environment variable or --token)"), none.err());
    GroveRun wrong = in(a, "push", "--token", "not-a-token").fails(1, "unauthorized");
    assertTrue(wrong.err().contains("(the server refused the token given: it is not one of its tokens)"), wrong.err());
    assertFalse(wrong.err().contains("give a token"), wrong.err());
    assertFalse(wrong.err().contains("not-a-token"), wrong.err());
    GroveRun reader = in(a, "push", "--token", server.readToken()).fails(1, "forbidden");
    String hint = "pushing needs a write token";
    assertEquals(reader.err().indexOf(hint), reader.err().lastIndexOf(hint), "the hint once: " + reader.err());
  }

  @Test
  void remoteAddNeverEchoesAPasswordOrToken() {
    Path a = store("fs");
    GroveRun run = in(a, "remote", "add", "x", "http://user:s3cret@h:7070/repos/x")
        .fails(1, "invalid URL 'http://***@h:7070/repos/x': no user or token in a URL");
    assertFalse(run.err().contains("s3cret"), run.err());
    GroveRun clone = grove("clone", "https://s3cret@h/repos/x", dir.resolve("c").toString())
        .fails(1, "invalid URL 'https://***@h/repos/x'");
    assertFalse(clone.err().contains("s3cret"), clone.err());
  }

  @Test
  void syncWithNoBranchOnEitherSideSaysThereIsNothingToSync() {
    serve("fs");
    Stores.init(server.directory("notes"), Stores.Kind.FS).close();
    Path b = cloned("b", "fs");
    assertEquals(List.of("nothing to sync: no branch main here or in origin"),
        in(b, "sync", "--token", token()).ok().lines());
  }

  @Test
  void aPushThatLosesItsRaceToTheSameHeadIsUpToDate() {
    ObjectId head = ObjectId.fromHex("0123456789012345678901234567890123456789");
    ObjectId other = ObjectId.fromHex("9876543210987654321098765432109876543210");
    assertEquals(PushResult.Status.UP_TO_DATE,
        PushCommand.outcome(new PushResult(PushResult.Status.CONFLICT, "main", head, 3), head));
    assertEquals(PushResult.Status.CONFLICT,
        PushCommand.outcome(new PushResult(PushResult.Status.CONFLICT, "main", other, 3), head));
    assertEquals(PushResult.Status.UPDATED,
        PushCommand.outcome(new PushResult(PushResult.Status.UPDATED, "main", head, 3), head));
  }

  @Test
  void tokenNamesFollowTheRepositoryNameRule() {
    Path data = dir.resolve("data");
    for (String name : List.of(".hidden", "-x", "a b")) {
      grove("token", "add", "--data", data.toString(), "--name", name, "--scope", "read")
          .fails(1, "invalid token name '" + name + "'");
    }
    grove("token", "add", "--data", data.toString(), "--name", "ci-1.a_b", "--scope", "read").ok();
  }

  @Test
  void helpShowsTheTokenInTheEnvironmentNotOnTheCommandLine() {
    String help = grove("--help").ok().out();
    assertFalse(help.contains("--token TOKEN"), help);
    assertTrue(help.contains("GROVE_TOKEN"), help);
    String clone = grove("clone", "--help").ok().out();
    assertTrue(clone.contains("shows in ps output"), clone);
  }
}
