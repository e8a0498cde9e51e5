package dev.browserstorage.demo;

/**
 * The JSON body of every error answer of the demo's API.
 *
 * @param error a short, stable code: {@code not-hydrated}, {@code too-large}, {@code storage} or
 *     {@code invalid}
 * @param message what went wrong, for people
 */
public record ErrorBody(String error, String message) {}
