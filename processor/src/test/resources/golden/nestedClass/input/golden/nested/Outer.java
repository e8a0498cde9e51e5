package golden.nested;

import dev.browserstorage.annotation.LocalStorage;

public class Outer {
    /** A static nested class: its store is named Outer_InnerStore. */
    @LocalStorage
    public static class Inner {
        public String value = "v";
    }
}
