/** The memory backend: the reference implementation, for tests, caches and scratch stores. */
package dev.grove.backend.memory;
