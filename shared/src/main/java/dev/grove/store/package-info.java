/** The store: repositories, branch handles, commit views, transactions, history and merges. */
package dev.grove.store;
