package dev.browserstorage.demo;

import dev.browserstorage.annotation.LocalStorage;
import java.util.List;

/** A user's display preferences, kept in localStorage across visits. */
@LocalStorage("prefs")
public class Preferences {
    public Theme theme = Theme.LIGHT;
    public int fontSize = 14;
    public String language = "en";
    public List<String> recentSearches = List.of();
}
