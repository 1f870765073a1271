/**
 * The sync server ({@code grove serve}): the protocol of docs/PROTOCOL.md over Javalin, Git's
 * smart HTTP over JGit's servlet, token authentication, and the repositories of a data directory.
 */
package dev.grove.server.http;
