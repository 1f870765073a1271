/** The JVM side of Grove: fs and git backends, the sync server and the command line. */
package dev.grove.server;
