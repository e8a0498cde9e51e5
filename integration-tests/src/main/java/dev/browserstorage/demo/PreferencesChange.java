package dev.browserstorage.demo;

import java.util.List;

/**
 * The body of {@code POST /api/prefs}: the preferences to change. An absent (null) field stays as
 * it is.
 *
 * @param theme the colour scheme
 * @param fontSize the base font size in CSS pixels
 * @param language the interface language, a tag such as {@code en} or {@code pt-BR}
 * @param recentSearches the whole list of recent searches, newest first
 */
public record PreferencesChange(Theme theme, Integer fontSize, String language, List<String> recentSearches) {}
