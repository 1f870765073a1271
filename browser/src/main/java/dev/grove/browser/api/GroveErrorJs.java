package dev.grove.browser.api;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSClass;
import org.teavm.jso.JSExport;
import org.teavm.jso.JSObject;

/**
 * {@code GroveError}: the class of every error grove.js throws or rejects with, exported so that
 * {@code err instanceof GroveError} works; JavaScript cannot construct it.
 *
 * <p>TeaVM exports a class as a function whose {@code prototype} is the Java class's own. That
 * prototype is made to inherit from {@code Error.prototype} and to carry {@code name}
 * {@code "GroveError"}, and each error is a real {@code Error} (with its stack) given that
 * prototype: so {@code instanceof GroveError} and {@code instanceof Error} both hold. No Java
 * instance of this class is used but the one that finds the prototype: in an exported method,
 * {@code this} is such an {@code Error}, so it reads no Java field.
 */
@JSClass(name = "GroveError")
public final class GroveErrorJs {
  /** GroveError's prototype, once linked to {@code Error.prototype}. */
  private static JSObject prototype;

  private GroveErrorJs() {}

  /**
   * Links GroveError's prototype to {@code Error.prototype}, once. {@code open} calls it first, so
   * the class is complete before any object of the API exists.
   */
  static void init() {
    if (prototype == null) {
      prototype = adopt((JSObject) (Object) new GroveErrorJs());
    }
  }

  /**
   * {@code {name, code, message}}: what {@code JSON.stringify(error)} writes (an {@code Error}'s
   * own {@code message} is not enumerable, so it would write only the code). (TeaVM also exports
   * only a class with an exported member.)
   */
  @JSExport
  public JSObject toJSON() {
    return json((JSObject) (Object) this);
  }

  @JSBody(params = "e", script = "return {name: e.name, code: e.code, message: e.message};")
  private static native JSObject json(JSObject error);

  /** A new GroveError with {@code code} and {@code message}. */
  static JSObject create(String code, String message) {
    init();
    return construct(prototype, code, message);
  }

  @JSBody(params = "instance", script = "var p = Object.getPrototypeOf(instance);"
      + " Object.setPrototypeOf(p, Error.prototype);"
      + " Object.defineProperty(p, 'name', {value: 'GroveError', writable: true, configurable: true});"
      + " return p;")
  private static native JSObject adopt(JSObject instance);

  /**
   * A plain {@code new Error}, then given GroveError's prototype: {@code Reflect.construct} with
   * another {@code new.target} would make V8 leave every frame out of the stack.
   */
  @JSBody(params = {"proto", "code", "message"}, script = "var e = new Error(message);"
      + " Object.setPrototypeOf(e, proto); e.code = code; return e;")
  private static native JSObject construct(JSObject proto, String code, String message);
}
