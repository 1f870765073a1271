package dev.grove.store;

/** What a directory entry holds. */
public enum EntryKind { VALUE, TREE }
