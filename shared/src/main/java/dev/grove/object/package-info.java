/** Git objects (blobs, trees, commits) and their byte-exact encoding. */
package dev.grove.object;
