package dev.grove.store;

/** Where commit times come from; replaceable so tests get stable ids. */
public interface Clock {
  /** Seconds since the epoch. */
  long epochSeconds();

  /** The local time zone's offset from UTC in minutes, as written in commits. */
  int offsetMinutes();

  /** The system clock, in UTC. */
  static Clock system() {
    return new Clock() {
      @Override
      public long epochSeconds() {
        return System.currentTimeMillis() / 1000;
      }

      @Override
      public int offsetMinutes() {
        return 0;
      }
    };
  }

  /** A clock that starts at {@code start} and advances one second per reading. */
  static Clock ticking(long start, int offsetMinutes) {
    long[] now = {start};
    return new Clock() {
      @Override
      public synchronized long epochSeconds() {
        return now[0]++;
      }

      @Override
      public int offsetMinutes() {
        return offsetMinutes;
      }
    };
  }
}
