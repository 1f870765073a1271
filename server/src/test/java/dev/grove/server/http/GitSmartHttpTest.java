package dev.grove.server.http;

import static dev.grove.server.http.ServerEndpointsTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.hash.ObjectId;
import dev.grove.server.storage.Durability;
import dev.grove.server.storage.Stores;
import dev.grove.store.Repository;
import dev.grove.store.Verifier;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stock git clone, fetch and push against /git/NAME.git, with the protocol's rules. */
class GitSmartHttpTest {
  @TempDir
  Path tmp;

  private TestServer t;
  private GitCommand git;

  @BeforeEach
  void start() throws Exception {
    Files.createDirectories(tmp.resolve("data"));
    Files.createDirectories(tmp.resolve("home"));
    t = TestServer.start(tmp.resolve("data"));
    t.createRepository("notes", Stores.Kind.GIT);
    git = new GitCommand(tmp.resolve("home"));
  }

  @AfterEach
  void stop() {
    t.close();
  }

  private String url(String token, String name) {
    return t.server.gitUrl(name).replace("http://", "http://x:" + token + "@");
  }

  @Test
  void cloneAndPushWithStockGit() throws Exception {
    git.run(tmp, "clone", url(t.readToken, "notes"), "a").ok();
    assertEquals("buy milk", Files.readString(tmp.resolve("a/notes/today")));

    Path a = tmp.resolve("a");
    Files.writeString(a.resolve("notes/tomorrow"), "call mum");
    git.run(a, "add", ".").ok();
    git.run(a, "commit", "-q", "-m", "second").ok();
    git.run(a, "push", url(t.writeToken, "notes"), "main").ok();
    String pushed = git.run(a, "rev-parse", "HEAD").ok().output().trim();

    assertEquals(pushed, branches().get("main").hex());
    try (Repository viaProtocol = Repository.open(new dev.grove.backend.memory.MemoryBackend())) {
      // the server's own open store sees what git pushed: refs, and objects in the new pack
      new dev.grove.sync.Remote(viaProtocol, new TestTransport(t.server.repositoryUrl("notes"), t.readToken))
          .cloneAll(dev.grove.sync.Progress.NONE);
      assertEquals(pushed, viaProtocol.head("main").hex());
      assertEquals("call mum", viaProtocol.branch("main").getText("notes/tomorrow"));
    }
    try (Repository repo = reopen()) {
      assertEquals("call mum", repo.branch("main").getText("notes/tomorrow"));
      assertTrue(Verifier.verify(repo).ok(), "fsck clean after a git push");
    }
    git.run(tmp, "clone", url(t.readToken, "notes"), "b").ok();
    assertEquals("call mum", Files.readString(tmp.resolve("b/notes/tomorrow")));

    try (Repository repo = reopen()) { // a change made through Grove, fetched by git
      repo.branch("main").set("notes/later", "water plants", dev.grove.store.CommitInfo.message("later"));
    }
    Path b = tmp.resolve("b");
    git.run(b, "fetch", "origin").ok();
    git.run(b, "merge", "-q", "--ff-only", "origin/main").ok();
    assertEquals("water plants", Files.readString(b.resolve("notes/later")));
  }

  @Test
  void refusesNonFastForwardsDeletesAndOtherRefs() throws Exception {
    git.run(tmp, "clone", url(t.writeToken, "notes"), "a").ok();
    git.run(tmp, "clone", url(t.writeToken, "notes"), "b").ok();
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    Files.writeString(a.resolve("x"), "from a");
    git.run(a, "add", ".").ok();
    git.run(a, "commit", "-q", "-m", "a").ok();
    git.run(a, "push", "origin", "main").ok();
    ObjectId afterA = branches().get("main");

    Files.writeString(b.resolve("x"), "from b");
    git.run(b, "add", ".").ok();
    git.run(b, "commit", "-q", "-m", "b").ok();
    GitCommand.Result nonFastForward = git.run(b, "push", "--force", "origin", "main");
    assertNotEquals(0, nonFastForward.status(), nonFastForward.output());
    assertTrue(nonFastForward.output().contains("non-fast-forward") || nonFastForward.output().contains("rejected"),
        nonFastForward.output());

    GitCommand.Result delete = git.run(a, "push", "origin", ":main");
    assertNotEquals(0, delete.status(), delete.output());
    assertTrue(delete.output().contains("deletion prohibited"), delete.output());
    GitCommand.Result tag = git.run(a, "push", "origin", "HEAD:refs/tags/v1");
    assertNotEquals(0, tag.status(), tag.output());
    assertTrue(tag.output().contains("only branches"), tag.output());
    GitCommand.Result badName = git.run(a, "push", "origin", "HEAD:refs/heads/" + "n".repeat(201));
    assertNotEquals(0, badName.status(), badName.output());
    assertTrue(badName.output().contains("longer than 200 characters"), badName.output());

    git.run(a, "tag", "-a", "-m", "annotated", "v2").ok();
    GitCommand.Result tagAsBranch = git.run(a, "push", "origin", "v2:refs/heads/tagged");
    assertNotEquals(0, tagAsBranch.status(), tagAsBranch.output());
    assertTrue(tagAsBranch.output().contains("a branch must point to a commit"), tagAsBranch.output());

    assertEquals(java.util.Map.of("main", afterA), branches());
  }

  @Test
  void authenticatesAndFindsRepositories() throws Exception {
    git.run(tmp, "clone", url(t.readToken, "notes"), "a").ok();
    Path a = tmp.resolve("a");
    Files.writeString(a.resolve("y"), "y");
    git.run(a, "add", ".").ok();
    git.run(a, "commit", "-q", "-m", "y").ok();
    GitCommand.Result readPush = git.run(a, "push", "origin", "main");
    assertNotEquals(0, readPush.status(), readPush.output());
    assertTrue(readPush.output().contains("403"), readPush.output());

    GitCommand.Result noToken = git.run(tmp, "clone", t.server.gitUrl("notes"), "c");
    assertNotEquals(0, noToken.status(), noToken.output());
    GitCommand.Result missing = git.run(tmp, "clone", url(t.readToken, "nope"), "d");
    assertNotEquals(0, missing.status(), missing.output());
    assertTrue(missing.output().contains("404") || missing.output().contains("not found"), missing.output());

    HttpResponse<String> unauthorized = t.get("/git/notes.git/info/refs?service=git-upload-pack", null);
    assertError(unauthorized, 401, "unauthorized");
    assertEquals("Basic realm=\"grove\"", unauthorized.headers().firstValue("WWW-Authenticate").orElse(null));
    assertError(t.get("/git/nope.git/info/refs?service=git-upload-pack", t.readToken), 404, "repository_not_found");
    t.createRepository("plain", Stores.Kind.FS);
    assertError(t.get("/git/plain.git/info/refs?service=git-upload-pack", t.readToken), 404, "repository_not_found");
  }

  @Test
  void anonymousReadLetsGitCloneWithoutCredentialsButNotPush() throws Exception {
    t.close();
    t = new TestServer(tmp.resolve("data"), TestServer.config(tmp.resolve("data")).withAnonymousRead(true));
    git.run(tmp, "clone", t.server.gitUrl("notes"), "a").ok();
    Path a = tmp.resolve("a");
    Files.writeString(a.resolve("z"), "z");
    git.run(a, "add", ".").ok();
    git.run(a, "commit", "-q", "-m", "z").ok();
    GitCommand.Result push = git.run(a, "push", "origin", "main");
    assertNotEquals(0, push.status(), push.output());
    git.run(a, "push", url(t.writeToken, "notes"), "main").ok();
  }

  @Test
  void refusesPushesOverTheBodyLimit() throws Exception {
    t.close();
    t = new TestServer(tmp.resolve("data"), TestServer.config(tmp.resolve("data")).withMaxBodyBytes(20_000));
    ObjectId before = branches().get("main");
    git.run(tmp, "clone", url(t.writeToken, "notes"), "a").ok();
    Path a = tmp.resolve("a");
    byte[] noise = new byte[100_000];
    new java.util.Random(1).nextBytes(noise);
    Files.write(a.resolve("noise"), noise);
    git.run(a, "add", ".").ok();
    git.run(a, "commit", "-q", "-m", "noise").ok();
    GitCommand.Result push = git.run(a, "push", "origin", "main");
    assertNotEquals(0, push.status(), push.output());
    assertTrue(push.output().contains("413"), push.output());
    // Chunked (git sends bodies over http.postBuffer so): counted while JGit reads it.
    GitCommand.Result chunked = git.run(a, "-c", "http.postBuffer=1024", "push", "origin", "main");
    assertNotEquals(0, chunked.status(), chunked.output());
    assertTrue(chunked.output().contains("over the server's limit"), chunked.output());
    assertEquals(before, branches().get("main"));
  }

  @Test
  void aChunkedUploadPackRequestOverTheLimitIs413() throws Exception {
    t.close();
    t = new TestServer(tmp.resolve("data"), TestServer.config(tmp.resolve("data")).withMaxBodyBytes(20_000));
    String want = "0032want " + branches().get("main").hex() + "\n";
    byte[] body = want.repeat(500).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    HttpResponse<String> tooLarge = t.postChunked("/git/notes.git/git-upload-pack", t.readToken,
        "application/x-git-upload-pack-request", () -> new java.io.ByteArrayInputStream(body));
    assertEquals(413, tooLarge.statusCode(), tooLarge.body());
  }

  private SortedMap<String, ObjectId> branches() {
    try (Repository repo = reopen()) {
      return repo.branches();
    }
  }

  private Repository reopen() {
    return Repository.open(Stores.open(tmp.resolve("data/notes"), Durability.NO_FSYNC));
  }
}
