/**
 * Values the page cannot forge or read: the app's key ring ({@link dev.browserstorage.protect.KeyRing}),
 * the sealed text of {@code @Signed} (HMAC-SHA256) and {@code @Encrypted} (AES-256-GCM) values, and
 * the event of a value refused ({@link dev.browserstorage.protect.RejectedValue}). JDK crypto only.
 */
package dev.browserstorage.protect;
