package dev.browserstorage.store;

/**
 * What every generated store offers to code that reads stores without knowing their classes, such
 * as a template engine: the store's fields, and reads that answer with the default instead of
 * throwing where the server does not know the browser's value yet (server-side rendering of a
 * browser's first page, before its socket has connected).
 */
public interface TypedStore {
    /**
     * Describes the store: its area, namespace and fields.
     *
     * @return the store's descriptor
     */
    StoreDescriptor descriptor();

    /**
     * Whether this call's reads answer from the browser (see {@link StoreAccess#known()}): false,
     * never an exception, before the browser has sent what it holds, for a sessionStorage store in a
     * call that names no tab, and for a call without a browser.
     *
     * @return true if the getters answer for every field
     */
    boolean isKnown();

    /**
     * A field's value if the server knows it, else its default; never throws for want of the
     * browser's state (see {@link StoreAccess#getOrDefault(StoreField)}).
     *
     * @param field one of {@link #descriptor()}'s fields
     * @param <T> its type
     * @return the value or the default
     * @throws IllegalArgumentException if the field is not one of this store's
     */
    <T> T getOrDefault(StoreField<T> field);
}
