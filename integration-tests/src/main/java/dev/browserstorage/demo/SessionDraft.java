package dev.browserstorage.demo;

import dev.browserstorage.annotation.Key;
import dev.browserstorage.annotation.SessionStorage;
import dev.browserstorage.annotation.Ttl;

/** A half-written message, kept in the tab's sessionStorage for at most an hour. */
@SessionStorage("draft")
@Ttl("PT1H")
public class SessionDraft {
    public String subject = "";

    @Key("text")
    public String body = "";
}
