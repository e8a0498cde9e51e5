package dev.browserstorage.demo;

/**
 * The body of {@code POST /api/searches}: one search the user ran.
 *
 * @param query what they searched for
 */
public record SearchRequest(String query) {}
