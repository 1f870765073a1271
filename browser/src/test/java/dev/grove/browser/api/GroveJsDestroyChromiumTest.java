package dev.grove.browser.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.browser.testing.SnippetPage;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.WindowType;

/**
 * {@code store.destroy()} and {@code destroy(name)} on IndexedDB in headless Chromium: the
 * database {@code grove:NAME} goes, stores open on it in the same page and in another tab are
 * closed for good (they reject with {@code closed} and never recreate it), and a connection that
 * is not Grove's and ignores {@code versionchange} makes it reject with {@code storage_blocked}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroveJsDestroyChromiumTest {
  /** Snippet helper: the names of the databases of this origin. */
  private static final String DATABASES =
      "const databases = async () => (await indexedDB.databases()).map(d => d.name).sort();";

  private SnippetPage page;

  @BeforeAll
  void start() throws IOException {
    page = SnippetPage.start();
  }

  @AfterAll
  void stop() {
    if (page != null) {
      page.close();
    }
  }

  @BeforeEach
  void load() {
    page.load();
  }

  @Test
  @DisplayName("store.destroy() deletes grove:NAME and closes another Store open on it")
  void storeDestroy() {
    Map<String, Object> r = page.object(DATABASES
        + " const a = await grove.open('doomed');"
        + " await a.branch('main').set('k', 'v');"
        + " const b = await grove.open('doomed');"
        + " const bMain = b.branch('main');"
        + " const events = [];"
        + " bMain.watch(e => events.push(e));"
        + " const before = await databases();"
        + " await a.destroy();"
        + " const after = await databases();"
        + " const aLater = await t.rejection(a.branches());"
        + " const bLater = await t.rejection(bMain.get('k'));"
        + " const bWrite = await t.rejection(bMain.set('k', 'w'));"
        + " let bBranch; try { b.branch('main'); } catch (e) { bBranch = e.code; }"
        + " const again = await t.rejection(a.destroy());"
        + " const afterUse = await databases();"
        + " const fresh = await grove.open('doomed');"
        + " const freshBranches = await fresh.branches();"
        + " await fresh.close();"
        + " return {before, after, aLater, bLater, bWrite, bBranch, again, afterUse, freshBranches,"
        + "   events: events.length};");
    assertTrue(((List<?>) r.get("before")).contains("grove:doomed"), r.toString());
    assertTrue(!((List<?>) r.get("after")).contains("grove:doomed"), r.toString());
    for (String call : List.of("aLater", "bLater", "bWrite", "again")) {
      Map<?, ?> rejection = (Map<?, ?>) r.get(call);
      assertEquals("closed", rejection.get("code"), call + ": " + rejection);
      assertEquals("GroveError", rejection.get("name"), call + ": " + rejection);
      assertTrue(String.valueOf(rejection.get("message")).contains("destroyed"), rejection.toString());
    }
    assertEquals("closed", r.get("bBranch"), "b.branch() throws closed");
    assertTrue(!((List<?>) r.get("afterUse")).contains("grove:doomed"),
        "the closed store did not recreate the database: " + r);
    assertEquals(List.of(), r.get("freshBranches"), "a store opened afterwards is new");
    assertEquals(0L, ((Number) r.get("events")).longValue(), "no watch event for the deletion");
  }

  @Test
  @DisplayName("destroy(name) from another tab closes the store open in this one")
  void destroyFromAnotherTab() {
    page.run("t.stores.shared = await grove.open('shared');"
        + " t.stores.sharedMain = t.stores.shared.branch('main');"
        + " await t.stores.sharedMain.set('k', 'v');");
    String first = page.chromium().driver().getWindowHandle();
    page.chromium().driver().switchTo().newWindow(WindowType.TAB);
    try {
      page.load();
      Map<String, Object> other = page.object(DATABASES
          + " const none = await grove.destroy('never-made');"
          + " await grove.destroy('shared');"
          + " return {none: none === undefined ? 'undefined' : none, after: await databases()};");
      assertEquals("undefined", other.get("none"), "destroy of no store resolves");
      assertTrue(!((List<?>) other.get("after")).contains("grove:shared"), other.toString());
      assertTrue(!((List<?>) other.get("after")).contains("grove:never-made"), other.toString());
    } finally {
      page.chromium().driver().close();
      page.chromium().driver().switchTo().window(first);
    }
    Map<String, Object> r = page.object(DATABASES
        + " const later = await t.rejection(t.stores.sharedMain.get('k'));"
        + " return {later, after: await databases()};");
    assertEquals("closed", ((Map<?, ?>) r.get("later")).get("code"), r.toString());
    assertTrue(!((List<?>) r.get("after")).contains("grove:shared"), r.toString());
  }

  @Test
  @DisplayName("a connection that ignores versionchange: storage_blocked, then deleted once it closes")
  void blockedByAForeignConnection() {
    Map<String, Object> r = page.object(DATABASES
        + " const store = await grove.open('held');"
        + " await store.branch('main').set('k', 'v');"
        + " await store.close();"
        + " const held = await new Promise((resolve, reject) => {"
        + "   const req = indexedDB.open('grove:held');"
        + "   req.onsuccess = () => resolve(req.result); req.onerror = () => reject(req.error); });"
        + " const start = Date.now();"
        + " const blocked = await t.rejection(grove.destroy('held'));"
        + " const waited = Date.now() - start;"
        + " const whileHeld = await databases();"
        + " held.close();"
        + " await t.until(async () => !(await databases()).includes('grove:held'),"
        + "   'the queued deletion', 5000);"
        + " return {blocked, waited, whileHeld};");
    Map<?, ?> blocked = (Map<?, ?>) r.get("blocked");
    assertEquals("storage_blocked", blocked.get("code"), r.toString());
    assertTrue(((Number) r.get("waited")).longValue() >= 9_000, r.toString());
    assertTrue(((List<?>) r.get("whileHeld")).contains("grove:held"), r.toString());
  }
}
