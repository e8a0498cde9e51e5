package dev.browserstorage.demo;

/**
 * The body of {@code POST /api/draft}: the parts of the draft to change. An absent (null) field
 * stays as it is.
 *
 * @param subject the message's subject
 * @param body the message's text
 */
public record DraftChange(String subject, String body) {}
