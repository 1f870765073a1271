/** The {@code grove} command line: one picocli command per verb, on the store core and a store directory. */
package dev.grove.server.cli;
