/** Keys of the store: paths of validated segments. */
package dev.grove.path;
