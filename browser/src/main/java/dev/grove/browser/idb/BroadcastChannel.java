package dev.grove.browser.idb;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSClass;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.dom.events.EventListener;
import org.teavm.jso.dom.events.MessageEvent;

/**
 * The browser's {@code BroadcastChannel} (no binding in teavm-jso-apis 0.16.0). A channel
 * never receives its own messages; every other channel of the same name in the same origin
 * does, in this page or another tab.
 */
@JSClass(name = "BroadcastChannel")
class BroadcastChannel implements JSObject {
  BroadcastChannel(String name) {
  }

  @JSBody(script = "return typeof BroadcastChannel === 'function';")
  static native boolean supported();

  native void postMessage(JSObject message);

  native void close();

  @JSProperty("onmessage")
  native void setOnMessage(EventListener<MessageEvent> listener);
}
