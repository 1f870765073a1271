/** Pieces the file backends share: cross-process file locks, durability, opening a store by directory. */
package dev.grove.server.storage;
