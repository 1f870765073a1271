/** The fs backend: objects and branches as plain POSIX files, safe for several processes. */
package dev.grove.server.fs;
