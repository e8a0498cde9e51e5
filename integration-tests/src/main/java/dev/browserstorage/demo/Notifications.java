package dev.browserstorage.demo;

import dev.browserstorage.annotation.LocalStorage;
import java.time.LocalDate;
import java.util.List;

/**
 * How the user wants to hear from the demo: the settings page binds each field to a form control
 * ({@code data-storage="notify.<field>"}), so these change in the browser first and reach the
 * server's listeners from there.
 */
@LocalStorage("notify")
public class Notifications {
    public boolean email = true;
    public int volume = 60;
    public Digest digest = Digest.DAILY;
    public List<Topic> topics = List.of();
    /** No notifications until this day (inclusive); none when null. */
    public LocalDate quietUntil;
}
