/** Three-way merge: of trees, and of values by functions chosen per path prefix. */
package dev.grove.merge;
