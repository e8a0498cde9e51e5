package golden.records;

import dev.browserstorage.annotation.Key;
import dev.browserstorage.annotation.LocalStorage;
import dev.browserstorage.annotation.Ttl;
import java.util.List;

/** A record without a no-argument constructor: primitives default to zero, the others to null. */
@LocalStorage("layout")
public record Layout(String panel, int width, @Key("dark-mode") boolean darkMode, @Ttl("P7D") List<String> pinned) {}
