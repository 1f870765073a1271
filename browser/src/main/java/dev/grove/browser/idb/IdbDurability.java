package dev.grove.browser.idb;

/**
 * When IndexedDB reports a write transaction complete, and so when Grove acknowledges a write.
 * Either way a transaction is all or nothing: a crash never leaves half a commit.
 */
public enum IdbDurability {
  /**
   * Once the browser has flushed it to disk: a crash of the browser, of the operating system or
   * a power cut loses no acknowledged write. The default.
   */
  STRICT("strict"),
  /**
   * Once the browser has it, before it is flushed: a crash of the operating system or a power
   * cut may lose the last acknowledged writes (a browser crash does not). What PouchDB and
   * lightning-fs get, as IndexedDB's default in Chromium; faster for many small writes.
   */
  RELAXED("relaxed");

  private final String label;

  IdbDurability(String label) {
    this.label = label;
  }

  /** IndexedDB's name for it, as the {@code durability} of a transaction: {@code strict}, {@code relaxed}. */
  public String label() {
    return label;
  }
}
