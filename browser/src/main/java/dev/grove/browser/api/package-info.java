/**
 * {@code grove.js}: the JavaScript API of Grove, compiled by TeaVM into one ES module.
 *
 * <p>{@link dev.grove.browser.api.GroveJs} is the module: its exports are {@code open} and the
 * classes {@code Store}, {@code Branch}, {@code Draft}, {@code Remote}, {@code Live} and
 * {@code GroveError}. The hand-written declarations in {@code src/main/js/grove/grove.d.ts}
 * describe the same API for TypeScript and editors.
 *
 * <h2>Rules the glue follows</h2>
 *
 * <ul>
 *   <li>Every method that touches the store returns a Promise. Its arguments are checked at
 *       once; the blocking core then runs in a TeaVM green thread ({@link Async}), because a
 *       backend such as IndexedDB suspends, which JavaScript code cannot do.
 *   <li>Every failure becomes a {@code GroveError} (an {@code Error}) with a stable string
 *       {@code code} ({@link Errors}): the core's {@link dev.grove.GroveException#code()} unchanged, or one
 *       of this package's own ({@code invalid_argument}, {@code invalid_state}, ...).
 *   <li>Arguments are read as untyped JavaScript values ({@link Args}): a TeaVM {@code String}
 *       parameter given {@code undefined} would be a broken string, not null.
 *   <li>Bytes cross as real copies, never as views of arrays the core or the caller keeps.
 *   <li>No {@code long} crosses (it would be a BigInt): times are numbers of seconds.
 *   <li>Nothing reachable from here may use regular expressions, {@code String.format} or
 *       double-to-text conversion: each pulls tens of kilobytes into the module.
 * </ul>
 *
 * <p>Threading note: TeaVM's green threads run one at a time and switch only where a thread
 * suspends (an IndexedDB request, a sleep). The small queues in this package rely on that:
 * their check-then-act steps contain no suspension point.
 */
package dev.grove.browser.api;
