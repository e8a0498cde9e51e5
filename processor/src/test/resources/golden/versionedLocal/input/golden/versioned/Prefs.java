package golden.versioned;

import dev.browserstorage.annotation.Key;
import dev.browserstorage.annotation.LocalStorage;
import dev.browserstorage.annotation.Signed;

/** Version 3: two migrations in a class of their own, and one signed field. */
@LocalStorage(value = "prefs", version = 3, migrations = PrefsMigrations.class)
public class Prefs {
    public String color = "blue";
    public int fontSize = 14;

    @Signed
    @Key("plan")
    public String subscription = "free";
}
