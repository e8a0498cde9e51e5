package dev.browserstorage.processor.model;

/** How generated code reads and writes a POJO's field. */
public enum AccessKind {
    /** A public, non-final field: {@code pojo.theme}. */
    FIELD,
    /** A bean property: {@code pojo.getTheme()} and {@code pojo.setTheme(...)}. */
    BEAN,
    /** A record component: {@code pojo.theme()}, and the canonical constructor. */
    RECORD_COMPONENT,
    /** None of the above: the field cannot be stored (the validator reports it). */
    INACCESSIBLE
}
