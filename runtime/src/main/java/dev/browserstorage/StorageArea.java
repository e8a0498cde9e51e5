package dev.browserstorage;

/** The three places in the browser a store can keep its values. */
public enum StorageArea {
    /** {@code window.localStorage}: per origin, kept until cleared. */
    LOCAL("local"),
    /** {@code window.sessionStorage}: per origin and tab, dropped when the tab closes. */
    SESSION("session"),
    /** Cookies: sent with every request, with their own attributes and lifetime. */
    COOKIE("cookie");

    private final String wireName;

    StorageArea(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The name used in the sync protocol and in the generated schemas: {@code local}, {@code session}
     * or {@code cookie}.
     *
     * @return the wire name
     */
    public String wireName() {
        return wireName;
    }

    /**
     * The area of a wire name.
     *
     * @param wireName {@code local}, {@code session} or {@code cookie}
     * @return the area
     * @throws IllegalArgumentException for any other name
     */
    public static StorageArea fromWireName(String wireName) {
        for (StorageArea area : values()) {
            if (area.wireName.equals(wireName)) {
                return area;
            }
        }
        throw new IllegalArgumentException(
                "Unknown storage area '" + wireName + "': expected local, session or cookie");
    }
}
