package dev.grove.browser.api;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The npm package in {@code target/javascript/grove}: real {@code npm pack}, {@code npm install}
 * of the tarball into a scratch project (offline, with its own cache), and Node importing
 * {@code 'grove'} from there; its exports, version and source map
 * ({@code src/test/js/package-test.mjs}).
 */
class GroveJsPackageTest {
  @TestFactory
  @DisplayName("npm pack, npm install and import 'grove'")
  List<DynamicNode> npmPackage() throws Exception {
    String version = System.getProperty("grove.version");
    assertNotNull(version, "the system property grove.version (set by the pom)");
    return NodeScript.run(NodeScript.script("package-test.mjs"),
        NodeScript.groveDir().getAbsolutePath(), version);
  }
}
