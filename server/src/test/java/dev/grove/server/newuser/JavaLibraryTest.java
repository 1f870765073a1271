package dev.grove.server.newuser;

import static dev.grove.server.newuser.FreshClone.onPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.grove.server.newuser.FreshClone.Result;
import dev.grove.server.newuser.ReadmeSamples.Block;
import dev.grove.server.newuser.ReadmeSamples.Command;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grove as a library, as a Java developer meets it: in a fresh clone with a Maven local
 * repository that holds nothing of Grove's, the README's install command; then a project of its
 * own whose dependencies are the README's {@code xml} sample and whose main method is the
 * README's {@code java} sample, built with Maven and run. Each line of the sample that shows
 * {@code // → value} is checked against what it evaluates to ({@code String.valueOf}; a trailing
 * {@code (…)} is a remark).
 */
class JavaLibraryTest {
  private static final Pattern ARROW = Pattern.compile("^(.*?);\\s*// → (.*?)(\\s+\\(.*\\))?$");

  @TempDir
  Path tmp;

  @Test
  void theReadmesJavaSampleBuildsAndRunsAgainstTheInstalledArtifacts() throws Exception {
    assumeTrue(onPath("mvn") && onPath("git") && onPath("java"), "needs mvn, git and java");
    try (FreshClone fresh = FreshClone.in(tmp)) {
      buildAndRun(fresh);
    }
  }

  private void buildAndRun(FreshClone fresh) throws Exception {
    List<Block> blocks = ReadmeSamples.blocks(Files.readString(fresh.root.resolve("README.md")));

    String install = blocks.stream().filter(b -> b.language().equals("console"))
        .flatMap(b -> ReadmeSamples.commands(b).stream()).map(Command::text)
        .filter(c -> c.startsWith("mvn ") && c.contains(" install")).findFirst()
        .orElseThrow(() -> new AssertionError("the README shows no mvn install command"));
    Result installed = fresh.run(fresh.root, "bash", "-c", install);
    assertEquals(0, installed.exit(), installed.describe());
    assertTrue(Files.isDirectory(fresh.mavenRepository.resolve("dev/grove/grove-server")), "installed grove-server");

    Path app = Files.createDirectories(tmp.resolve("app"));
    Files.writeString(app.resolve("pom.xml"), pom(only(blocks, "xml").text()));
    Path source = Files.createDirectories(app.resolve("src/main/java")).resolve("ReadmeSample.java");
    Block java = only(blocks, "java");
    int[] checks = {0};
    Files.writeString(source, program(java, checks));

    Result built = fresh.run(app, "mvn", "-B", "-q", "package", "dependency:build-classpath",
        "-Dmdep.outputFile=classpath.txt");
    assertEquals(0, built.exit(), built.describe());
    String classpath = "target/classes:" + Files.readString(app.resolve("classpath.txt")).strip();
    Result ran = fresh.run(app, "java", "-cp", classpath, "ReadmeSample");
    assertEquals(0, ran.exit(), ran.describe());
    assertTrue(checks[0] > 0, "the java sample shows no value");
    assertEquals(checks[0] + " checks passed\n", ran.out(), ran.describe());
  }

  private static Block only(List<Block> blocks, String language) {
    List<Block> found = blocks.stream().filter(b -> b.language().equals(language)).toList();
    assertEquals(1, found.size(), "the README's " + language + " blocks");
    return found.get(0);
  }

  /** A project of its own: Java 17, the README's dependencies, the plugins Grove's build uses. */
  private static String pom(String dependencies) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>example</groupId>
          <artifactId>grove-readme-sample</artifactId>
          <version>1</version>
          <properties>
            <maven.compiler.release>17</maven.compiler.release>
            <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
          </properties>
          <dependencies>
        %s
          </dependencies>
          <build>
            <plugins>
              <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.14.1</version></plugin>
              <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
              <plugin><artifactId>maven-surefire-plugin</artifactId><version>3.5.4</version></plugin>
              <plugin><artifactId>maven-jar-plugin</artifactId><version>3.4.2</version></plugin>
              <plugin><artifactId>maven-dependency-plugin</artifactId><version>3.9.0</version></plugin>
            </plugins>
          </build>
        </project>
        """.formatted(dependencies);
  }

  /** The sample as a class: its imports on top, its statements in main, each shown value checked. */
  private static String program(Block java, int[] checks) {
    List<String> imports = new ArrayList<>();
    List<String> body = new ArrayList<>();
    String[] lines = java.text().split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      Matcher arrow = ARROW.matcher(line);
      if (line.startsWith("import ")) {
        imports.add(line);
      } else if (arrow.matches()) {
        checks[0]++;
        body.add("check(" + (java.line() + i) + ", " + quote(arrow.group(2)) + ", " + arrow.group(1).strip() + ");");
      } else {
        body.add(line);
      }
    }
    return String.join("\n", imports) + "\n\npublic class ReadmeSample {\n"
        + "  private static int passed;\n\n"
        + "  public static void main(String[] args) throws Exception {\n"
        + String.join("\n", body) + "\n"
        + "    System.out.println(passed + \" checks passed\");\n"
        + "  }\n\n"
        + "  private static void check(int line, String shown, Object actual) {\n"
        + "    if (!shown.equals(String.valueOf(actual))) {\n"
        + "      System.out.println(\"README line \" + line + \": shows \" + shown + \" but it is \" + actual);\n"
        + "      System.exit(1);\n"
        + "    }\n"
        + "    passed++;\n"
        + "  }\n"
        + "}\n";
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
