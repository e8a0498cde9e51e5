package dev.browserstorage.demo;

/** The demo's storage keys that both test lanes (HtmlUnit and Chromium) look at for bound fields. */
public final class DemoKeys {
    public static final String LANGUAGE = "demo:prefs.language";
    public static final String EMAIL = "demo:notify.email";
    public static final String VOLUME = "demo:notify.volume";
    public static final String DIGEST = "demo:notify.digest";
    public static final String TOPICS = "demo:notify.topics";

    private DemoKeys() {}
}
