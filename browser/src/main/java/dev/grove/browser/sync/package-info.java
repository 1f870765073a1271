/**
 * The browser's sync transport: {@link dev.grove.browser.sync.FetchTransport}, the core's
 * {@link dev.grove.sync.Transport} over {@code fetch}, with its server-sent event stream read
 * from a streaming response body (no {@code EventSource}: it cannot send an
 * {@code Authorization} header).
 */
package dev.grove.browser.sync;
