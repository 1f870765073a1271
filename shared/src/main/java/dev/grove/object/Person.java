package dev.grove.object;

/**
 * An author or committer line: {@code Name <email> epochSeconds ±hhmm}.
 *
 * @param name the name; no {@code <}, {@code >} or newline
 * @param email the email; no {@code <}, {@code >} or newline
 * @param epochSeconds seconds since 1970-01-01T00:00:00Z
 * @param offsetMinutes the time zone's offset from UTC in minutes (e.g. +120 for {@code +0200})
 * @param negativeZero whether a zero offset is written {@code -0000} (as some stock Git commits
 *     have it), which must be kept for the commit to keep its id
 */
public record Person(String name, String email, long epochSeconds, int offsetMinutes,
    boolean negativeZero) {

  /** A person with a zone written the usual way ({@code +0000} for UTC). */
  public Person(String name, String email, long epochSeconds, int offsetMinutes) {
    this(name, email, epochSeconds, offsetMinutes, false);
  }

  public Person {
    negativeZero = negativeZero && offsetMinutes == 0;
    checkText("name", name);
    checkText("email", email);
    if (offsetMinutes <= -24 * 60 || offsetMinutes >= 24 * 60) {
      throw new IllegalArgumentException("time zone offset out of range: " + offsetMinutes);
    }
  }

  private static void checkText(String what, String text) {
    if (text == null || text.indexOf('<') >= 0 || text.indexOf('>') >= 0
        || text.indexOf('\n') >= 0 || text.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("invalid " + what + " '" + text + "'");
    }
  }

  /** The time zone as Git writes it: {@code +0200}, {@code -0530}. */
  public String zone() {
    int abs = Math.abs(offsetMinutes);
    int hours = abs / 60;
    int minutes = abs % 60;
    return (offsetMinutes < 0 || negativeZero ? "-" : "+") + (hours < 10 ? "0" : "") + hours
        + (minutes < 10 ? "0" : "") + minutes;
  }

  /** {@code Name <email>}. */
  public String identity() {
    return name + " <" + email + ">";
  }

  /** The line as Git writes it after {@code author } or {@code committer }. */
  public String toGitLine() {
    return identity() + " " + epochSeconds + " " + zone();
  }
}
