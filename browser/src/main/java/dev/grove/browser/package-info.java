/** The core in the browser: Java compiled to JavaScript by TeaVM, and its conformance runner. */
package dev.grove.browser;
