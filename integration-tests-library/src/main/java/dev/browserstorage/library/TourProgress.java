package dev.browserstorage.library;

import dev.browserstorage.annotation.LocalStorage;

/** How far a user got through a library's guided tour, kept in the browser by the library's own store. */
@LocalStorage("tour")
public class TourProgress {
    /** The step the user is on, from 0. */
    public int step;
    /** Whether the user closed the tour for good. */
    public boolean dismissed;
}
