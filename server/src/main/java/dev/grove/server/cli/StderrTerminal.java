package dev.grove.server.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the process's standard error is a terminal, which decides whether clone, pull, push
 * and sync draw a progress line. {@code System.console()} cannot tell: on Java 17 it needs
 * standard input and output to be terminals, so {@code grove clone URL DIR | cat} would draw
 * nothing although standard error is a terminal. In order:
 * <ol>
 *   <li>the system property {@value #PROPERTY}, {@code true} or {@code false}: the {@code ./grove}
 *       script sets it from the shell's {@code [ -t 2 ]};
 *   <li>on Linux, the link {@code /proc/self/fd/2}: a terminal device ({@code /dev/pts/N},
 *       {@code /dev/ttyX}) or not;
 *   <li>elsewhere, whether the JVM has a console (the best Java 17 can tell).
 * </ol>
 */
final class StderrTerminal {
  /** The system property that decides, when set. */
  static final String PROPERTY = "grove.stderrTerminal";
  private static final Path FD_2 = Path.of("/proc/self/fd/2");

  private StderrTerminal() {}

  /** The decision for this process. */
  static boolean detect() {
    return decide(System.getProperty(PROPERTY), FD_2, System.console() != null);
  }

  /**
   * The decision from the property's value ({@code null} when unset), the link naming file
   * descriptor 2 (absent where there is no {@code /proc}) and whether the JVM has a console.
   */
  static boolean decide(String property, Path fd2, boolean hasConsole) {
    if (property != null && (property.equals("true") || property.equals("false"))) {
      return property.equals("true");
    }
    if (Files.isSymbolicLink(fd2)) {
      try {
        String target = Files.readSymbolicLink(fd2).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      } catch (IOException | UnsupportedOperationException e) {
        return hasConsole;
      }
    }
    return hasConsole;
  }
}
