package dev.browserstorage.quarkus.deployment.protect;

import dev.browserstorage.annotation.LocalStorage;

/** A store at version 2 whose field was {@code colour} in version 1, for the extension's tests of migrations. */
@LocalStorage(value = "profile", version = 2, migrations = ProfileMigrations.class)
public class Profile {
    public String color = "blue";
}
