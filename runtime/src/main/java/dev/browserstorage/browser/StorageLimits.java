package dev.browserstorage.browser;

/**
 * The limits a session enforces before anything is sent, so that a write the browser would refuse
 * fails at once in the server, with a typed exception, instead of later in the browser.
 *
 * @param maxValueBytes the largest one localStorage or sessionStorage value may be, in UTF-8 bytes
 *     of its stored text (default 1 MiB, as in Streamlit's {@code st.local_storage})
 * @param maxAreaUnits the most one app may keep in one area, keys and values together, counted as
 *     browsers count it: UTF-16 code units (default 5 Mi units, the budget of Chromium, Firefox and
 *     WebKit for an origin)
 * @param maxPendingWrites the most writes that may wait for the browser's acknowledgement at once,
 *     connected or not; one more fails with {@link dev.browserstorage.DisconnectedException}
 *     (default 1000)
 * @param maxTabs the most tabs (each with its own sessionStorage) one browser may have at once;
 *     when a new tab would pass it, the tab idle longest is dropped (default 32)
 */
public record StorageLimits(long maxValueBytes, long maxAreaUnits, int maxPendingWrites, int maxTabs) {

    /** 1 MiB: the default for one value. */
    public static final long DEFAULT_MAX_VALUE_BYTES = 1024L * 1024;
    /** 5 Mi UTF-16 code units: the default for one app's keys and values in one area. */
    public static final long DEFAULT_MAX_AREA_UNITS = 5L * 1024 * 1024;
    /** The default bound on writes waiting for acknowledgement. */
    public static final int DEFAULT_MAX_PENDING_WRITES = 1000;
    /** The default bound on one browser's tabs. */
    public static final int DEFAULT_MAX_TABS = 32;

    /** Checks that every limit is positive. */
    public StorageLimits {
        if (maxValueBytes <= 0 || maxAreaUnits <= 0 || maxPendingWrites <= 0 || maxTabs <= 0) {
            throw new IllegalArgumentException(
                    "Storage limits must be positive: maxValueBytes=" + maxValueBytes + ", maxAreaUnits=" + maxAreaUnits
                            + ", maxPendingWrites=" + maxPendingWrites + ", maxTabs=" + maxTabs);
        }
    }

    /**
     * Limits with the default bound on tabs.
     *
     * @param maxValueBytes the largest value, in UTF-8 bytes
     * @param maxAreaUnits the budget of one area, in UTF-16 code units
     * @param maxPendingWrites the bound on writes waiting for acknowledgement
     */
    public StorageLimits(long maxValueBytes, long maxAreaUnits, int maxPendingWrites) {
        this(maxValueBytes, maxAreaUnits, maxPendingWrites, DEFAULT_MAX_TABS);
    }

    /**
     * The defaults: 1 MiB per value, 5 Mi UTF-16 code units per area, 1000 pending writes, 32 tabs.
     *
     * @return the default limits
     */
    public static StorageLimits defaults() {
        return new StorageLimits(DEFAULT_MAX_VALUE_BYTES, DEFAULT_MAX_AREA_UNITS, DEFAULT_MAX_PENDING_WRITES);
    }
}
