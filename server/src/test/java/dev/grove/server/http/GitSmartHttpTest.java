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
    GitCommand.Result badName = git.run(a, "push", "origin", "HEAD:refs/heads/" + "n".repeat(84));
    assertNotEquals(0, badName.status(), badName.output());
    assertTrue(badName.output().contains("longer than 83 bytes"), badName.output());

    git.run(a, "tag", "-a", "-m", "annotated", "v2").ok();
    GitCommand.Result tagAsBranch = git.run(a, "push", "origin", "v2:refs/heads/tagged");
    assertNotEquals(0, tagAsBranch.status(), tagAsBranch.output());
    assertTrue(tagAsBranch.output().contains("a branch must point to a commit"), tagAsBranch.output());

    assertEquals(java.util.Map.of("main", afterA), branches());
  }

  @Test
  void refusesObjectsTheCoreCannotDecodeAndBranchesAtTreesOrBlobs() throws Exception {
    ObjectId before = branches().get("main");
    git.run(tmp, "clone", url(t.writeToken, "notes"), "a").ok();
    Path a = tmp.resolve("a");
    GitCommand.Result treeBranch = git.run(a, "push", "origin", "HEAD^{tree}:refs/heads/t");
    assertNotEquals(0, treeBranch.status(), treeBranch.output());
    assertTrue(treeBranch.output().contains("a branch must point to a commit"), treeBranch.output());
    String blob = git.run(a, "rev-parse", "HEAD:notes/today").ok().output().trim();
    GitCommand.Result blobBranch = git.run(a, "push", "origin", blob + ":refs/heads/b");
    assertNotEquals(0, blobBranch.status(), blobBranch.output());

    // A tree with mode 100664: Git's fsck accepts it, Grove's strict decoder does not.
    byte[] entry = ("100664 k\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] tree = new byte[entry.length + 20];
    System.arraycopy(entry, 0, tree, 0, entry.length);
    System.arraycopy(ObjectId.fromHex(blob).toBytes(), 0, tree, entry.length, 20);
    Files.write(tmp.resolve("tree.bin"), tree);
    String treeId = git.run(a, "hash-object", "-t", "tree", "-w", "--literally", tmp.resolve("tree.bin").toString())
        .ok().output().trim();
    String commit = git.run(a, "commit-tree", treeId, "-p", "HEAD", "-m", "mode").ok().output().trim();
    GitCommand.Result badMode = git.run(a, "push", "origin", commit + ":refs/heads/main");
    assertNotEquals(0, badMode.status(), badMode.output());
    assertTrue(badMode.output().contains("Grove cannot store this tree"), badMode.output());
    GitCommand.Result badModeNewBranch = git.run(a, "push", "origin", commit + ":refs/heads/mode");
    assertNotEquals(0, badModeNewBranch.status(), badModeNewBranch.output());

    assertEquals(java.util.Map.of("main", before), branches());
    try (Repository repo = reopen()) {
      assertTrue(Verifier.verify(repo).ok(), "fsck clean after the refused pushes");
    }
    git.run(tmp, "clone", url(t.readToken, "notes"), "b").ok(); // fetch still works
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

  @Test
  void gzipEncodedGitBodiesAreLimitedAfterDecoding() throws Exception {
    t.close();
    t = new TestServer(tmp.resolve("data"), TestServer.config(tmp.resolve("data")).withMaxBodyBytes(20_000));
    String want = "0032want " + branches().get("main").hex() + "\n";
    byte[] small = (want + "0000" + "0009done\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    HttpResponse<byte[]> ok = postGit("/git/notes.git/git-upload-pack", "gzip", gzip(small));
    assertEquals(200, ok.statusCode());
    assertTrue(new String(ok.body(), java.nio.charset.StandardCharsets.ISO_8859_1).contains("PACK"), "a pack comes back");

    byte[] huge = (want.repeat(20_000) + "0000" + "0009done\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] compressed = gzip(huge);
    assertTrue(compressed.length < 20_000, "compressed below the limit: " + compressed.length);
    assertEquals(413, postGit("/git/notes.git/git-upload-pack", "gzip", compressed).statusCode());
    assertEquals(400, postGit("/git/notes.git/git-upload-pack", "gzip", small).statusCode(), "not gzip");
  }

  private HttpResponse<byte[]> postGit(String path, String encoding, byte[] body) throws Exception {
    java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(t.server.url() + path))
        .header("Authorization", "Bearer " + t.readToken)
        .header("Content-Type", "application/x-git-upload-pack-request")
        .header("Accept", "application/x-git-upload-pack-result")
        .header("Content-Encoding", encoding)
        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build();
    return t.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  private static byte[] gzip(byte[] data) throws java.io.IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream zip = new java.util.zip.GZIPOutputStream(out)) {
      zip.write(data);
    }
    return out.toByteArray();
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
