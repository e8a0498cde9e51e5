package golden.records;

import dev.browserstorage.annotation.SessionStorage;

/** A record with a no-argument constructor, which gives the defaults. */
@SessionStorage("wizard")
public record Wizard(int step, String email) {
    public Wizard() {
        this(1, "guest@example.com");
    }
}
