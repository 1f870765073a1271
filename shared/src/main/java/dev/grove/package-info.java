/** Grove: a Git-compatible, branchable, mergeable key-value store. */
package dev.grove;
