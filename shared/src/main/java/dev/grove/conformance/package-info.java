/** The conformance suite: one set of named cases that every backend must pass, on every platform. */
package dev.grove.conformance;
