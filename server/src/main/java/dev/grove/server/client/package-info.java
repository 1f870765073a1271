/**
 * The JVM side of a sync client: the JDK HTTP client as the core's {@link dev.grove.sync.Transport},
 * and the remotes a store knows by name.
 */
package dev.grove.server.client;
