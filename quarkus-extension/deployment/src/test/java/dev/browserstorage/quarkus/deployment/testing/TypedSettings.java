package dev.browserstorage.quarkus.deployment.testing;

import dev.browserstorage.annotation.LocalStorage;
import dev.browserstorage.annotation.Ttl;
import java.util.List;

/** A store for the typed JavaScript stores' tests: an enum, a number, a list, a nullable field and a lifetime. */
@LocalStorage("typed")
public class TypedSettings {
    public Mode mode = Mode.LIGHT;
    public int fontSize = 14;
    public List<String> tags = List.of();
    public Double ratio;

    @Ttl("PT1H")
    public String note = "";

    /** The modes a page may choose. */
    public enum Mode {
        LIGHT,
        DARK
    }
}
