package dev.grove.server.cli;

import dev.grove.sync.Progress;
import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * A progress line on standard error, as Git draws one: {@code Receiving objects:  45% (4500/10000)},
 * redrawn in place with a carriage return, ended with {@code , done.} and a newline when the
 * phase completes; a phase with nothing to do (a total of 0) is not shown. Only for a terminal:
 * {@link #forStderr} is silent otherwise.
 */
final class ProgressMeter implements Progress {
  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintWriter err;
  private final LongSupplier clock;
  private String phase;
  private long done;
  private long total;
  private int lastPercent = -1;
  private long lastDraw;
  private boolean open;

  ProgressMeter(PrintWriter err) {
    this(err, System::nanoTime);
  }

  /** A meter that reads the time (nanoseconds) from {@code clock}. */
  ProgressMeter(PrintWriter err, LongSupplier clock) {
    this.err = err;
    this.clock = clock;
  }

  /**
   * A meter on the command's standard error when the process's standard error is a terminal
   * ({@link StderrTerminal}), else {@link Progress#NONE}.
   */
  static Progress forStderr(Cli cli) {
    return StderrTerminal.detect() ? new ProgressMeter(cli.err()) : Progress.NONE;
  }

  @Override
  public void update(String phase, long done, long total) {
    if (!phase.equals(this.phase)) {
      finish();
      this.phase = phase;
      lastPercent = -1;
      lastDraw = 0;
    }
    this.done = done;
    this.total = total;
    if (total == 0) {
      return;
    }
    int percent = total > 0 ? (int) Math.min(100, done * 100 / total) : -1;
    long now = clock.getAsLong();
    if (percent != lastPercent || now - lastDraw >= REDRAW_NANOS || (total >= 0 && done >= total)) {
      lastPercent = percent;
      lastDraw = now;
      draw("");
    }
  }

  /** Ends the current line, if one is drawn. */
  void finish() {
    if (open) {
      draw(total >= 0 && done >= total ? ", done." : "");
      err.print('\n');
      err.flush();
      open = false;
    }
  }

  private void draw(String suffix) {
    String label = label(phase);
    String text = total >= 0
        ? label + ": " + pad(done * 100 / total) + "% (" + done + "/" + total + ")"
        : label + ": " + done;
    err.print("\r" + text + suffix);
    err.flush();
    open = true;
  }

  private static String pad(long percent) {
    String text = Long.toString(Math.min(100, percent));
    return " ".repeat(3 - text.length()) + text;
  }

  private static String label(String phase) {
    String name = phase.isEmpty() ? "Working" : Character.toUpperCase(phase.charAt(0)) + phase.substring(1);
    return name + " objects";
  }

  /** Finishes {@code progress} when it is a meter. */
  static void finish(Progress progress) {
    if (progress instanceof ProgressMeter) {
      ((ProgressMeter) progress).finish();
    }
  }
}
