package dev.grove.browser.idb;

import org.teavm.jso.JSBody;

/** The page coming back into view: a tab shown again, or the window focused. */
final class PageEvents {
  private PageEvents() {}

  /**
   * Calls {@code callback} (in a JavaScript event, not a Java thread) whenever the document
   * becomes visible or the window gains focus. Does nothing where there is no window (a
   * worker).
   *
   * @return a function that removes the listeners
   */
  @JSBody(params = "callback", script = ""
      + "var doc = typeof document !== 'undefined' && document !== null"
      + "    && typeof document.addEventListener === 'function' ? document : null;"
      + "var win = typeof window !== 'undefined' && window !== null"
      + "    && typeof window.addEventListener === 'function' ? window : null;"
      + "var onVisibility = function() { if (doc.visibilityState === 'visible') { callback(); } };"
      + "var onFocus = function() { callback(); };"
      + "if (doc) { doc.addEventListener('visibilitychange', onVisibility); }"
      + "if (win) { win.addEventListener('focus', onFocus); }"
      + "return function() {"
      + "  if (doc) { doc.removeEventListener('visibilitychange', onVisibility); }"
      + "  if (win) { win.removeEventListener('focus', onFocus); }"
      + "};")
  static native Idb.Callback onReturn(Idb.Callback callback);
}
