package dev.grove.server.storage;

/** Whether a file backend forces its writes to disk before it acknowledges them. */
public enum Durability {
  /** fsync every file written and every directory changed before acknowledging: survives power loss. */
  FSYNC,
  /** Leave flushing to the OS: survives a process crash, not a power loss. For benchmarks and scratch stores. */
  NO_FSYNC
}
