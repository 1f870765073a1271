/** The backend contract: an object store, a ref store with compare-and-set, and write batches. */
package dev.grove.backend;
