/**
 * The IndexedDB backend ({@link dev.grove.browser.idb.IdbBackend}): a store in the browser,
 * shared by the tabs of a site, with every write batch one readwrite transaction.
 */
package dev.grove.browser.idb;
