package dev.browserstorage.quarkus.deployment.protect;

import dev.browserstorage.annotation.Encrypted;
import dev.browserstorage.annotation.LocalStorage;
import dev.browserstorage.annotation.Signed;

/** A store with a signed and an encrypted field, for the extension's tests of protected values. */
@LocalStorage("secrets")
public class Secrets {
    @Signed
    public String role = "guest";

    @Encrypted
    public String token = "none";

    public String note = "-";
}
