package dev.browserstorage.demo;

/**
 * The body of {@code POST /api/consent}: what the user answered in the cookie banner.
 *
 * @param analytics whether analytics cookies are allowed
 * @param marketing whether marketing cookies are allowed
 */
public record ConsentChoice(boolean analytics, boolean marketing) {}
