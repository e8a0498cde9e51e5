package golden.local;

public enum Theme {
    LIGHT,
    DARK,
    HIGH_CONTRAST
}
