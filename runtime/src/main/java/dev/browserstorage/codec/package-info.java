/**
 * Value codecs: how each supported Java type is written as the JSON text a browser stores, and read
 * back from it. {@link dev.browserstorage.codec.Codecs} is the entry point.
 */
package dev.browserstorage.codec;
