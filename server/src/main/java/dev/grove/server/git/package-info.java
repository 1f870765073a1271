/** The git backend: a Grove store kept in an ordinary bare Git repository, through JGit. */
package dev.grove.server.git;
