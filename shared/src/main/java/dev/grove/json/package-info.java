/** A small strict JSON (RFC 8259) parser and compact writer that keeps numbers' exact text. */
package dev.grove.json;
