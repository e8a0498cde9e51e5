package dev.browserstorage.demo;

import dev.browserstorage.annotation.Encrypted;
import dev.browserstorage.annotation.LocalStorage;

/**
 * A note only the server can read back: kept in the browser's localStorage, encrypted, so page
 * scripts, extensions and whoever opens devtools see ciphertext. The page sends it to the server and
 * asks the server for it ({@link MembershipResource}).
 */
@Encrypted
@LocalStorage("vault")
public class PrivateNote {
    public String text = "";
}
