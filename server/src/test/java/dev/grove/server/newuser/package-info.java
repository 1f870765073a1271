/** Tests as a new user meets Grove: a fresh clone, a Maven local repository without Grove's artifacts, the README's commands. */
package dev.grove.server.newuser;
