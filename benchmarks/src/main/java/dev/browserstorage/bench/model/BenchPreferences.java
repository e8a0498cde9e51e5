package dev.browserstorage.bench.model;

import dev.browserstorage.annotation.LocalStorage;
import java.util.List;

/**
 * A typical preferences POJO, the one every benchmark reads, writes and encodes: the processor
 * generates {@code BenchPreferencesStore} from it. Its fields are public so that Jackson databind,
 * the baseline of the codec benchmark, sees the same POJO the generated store does.
 */
@LocalStorage("prefs")
public class BenchPreferences {
    public Theme theme = Theme.LIGHT;
    public int fontSize = 14;
    public String language = "en";
    public String timeZone = "Europe/Paris";
    public boolean showTips = true;
    public double zoom = 1.0;
    public List<String> recentSearches = List.of();
}
