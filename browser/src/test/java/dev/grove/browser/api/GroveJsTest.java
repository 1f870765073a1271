package dev.grove.browser.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.file.Files;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * grove.js, the JavaScript API, in Node on in-memory stores: every method, its errors and
 * codes, the three transaction strategies, watches; that grove.d.ts declares exactly what the
 * module exports; and the module's size budget.
 */
class GroveJsTest {
  /** The budget for grove.js, gzipped at level 9: issue 10's aim, 100 KB. */
  private static final int MAX_GZIPPED_BYTES = 100_000;

  @TestFactory
  @DisplayName("grove.js API on memory stores, in Node")
  List<DynamicNode> api() throws Exception {
    return NodeScript.run(NodeScript.script("api-test.mjs"),
        new File(NodeScript.groveDir(), "grove.js").getAbsolutePath());
  }

  @TestFactory
  @DisplayName("grove.d.ts declares exactly the exports of grove.js")
  List<DynamicNode> declarations() throws Exception {
    return NodeScript.run(NodeScript.script("declarations-test.mjs"),
        NodeScript.groveDir().getAbsolutePath());
  }

  @Test
  @DisplayName("grove.js stays within its size budget")
  void size() throws Exception {
    byte[] js = Files.readAllBytes(new File(NodeScript.groveDir(), "grove.js").toPath());
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz) {
      {
        def.setLevel(Deflater.BEST_COMPRESSION);
      }
    }) {
      out.write(js);
    }
    System.out.println("grove.js: " + js.length + " bytes minified, " + gz.size() + " gzipped");
    assertTrue(gz.size() <= MAX_GZIPPED_BYTES, "grove.js is " + gz.size() + " bytes gzipped,"
        + " over the budget of " + MAX_GZIPPED_BYTES + ": did regular expressions, String.format,"
        + " java.nio.charset or double-to-text conversion become reachable, or did hashCode,"
        + " equals or toString come to reach a store read (TeaVM then makes every caller a"
        + " resumable state machine)?");
  }
}
