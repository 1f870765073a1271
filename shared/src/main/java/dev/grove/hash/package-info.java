/** Object ids, SHA-1 and hex: the hashing Git and Grove share. */
package dev.grove.hash;
