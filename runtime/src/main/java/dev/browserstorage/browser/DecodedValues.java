package dev.browserstorage.browser;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The typed values one reader (a generated store's {@code StoreAccess}) decoded from one browser's
 * or tab's view, by the reader's own index (a field's ordinal): what a getter reads first, so that a
 * read of an unchanged value is a version check and an array load. Internal: for {@code
 * dev.browserstorage.store}, never for application code.
 *
 * <p>Valid for one version of the view: every change a reader could see (a server write, an
 * acknowledgement or failure taking a write back, a change or snapshot from the browser) makes a
 * new version, and {@link BrowserLink#decodedValues} then hands out a new, empty instance. A
 * reader must take the instance <em>before</em> it reads the view, and must only put here what
 * every later reader of that version may see: values that cannot change (immutable, no lifetime).
 *
 * <p>Thread safe: slots are written with release and read with acquire semantics; two readers
 * racing to fill one slot put the same value there.
 */
public final class DecodedValues {
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Object[].class);
    /** Stands for a {@code null} value in a slot, where {@code null} means "not decoded yet". */
    private static final Object NULL = new Object();

    private static final Object ABSENT = new Object();

    final Object reader;
    final int version;
    private final Object[] slots;

    DecodedValues(Object reader, int version, int size) {
        this.reader = reader;
        this.version = version;
        this.slots = new Object[size];
    }

    /**
     * The value of a slot.
     *
     * @param index the reader's index
     * @return the value (possibly {@code null}), or {@link #absent()} if the slot is empty
     */
    public Object get(int index) {
        Object value = SLOTS.getAcquire(slots, index);
        return value == NULL ? null : value == null ? ABSENT : value;
    }

    /**
     * Fills a slot.
     *
     * @param index the reader's index
     * @param value the value, possibly {@code null}; never mutable
     */
    public void put(int index, Object value) {
        SLOTS.setRelease(slots, index, value == null ? NULL : value);
    }

    /** @return what {@link #get} answers for an empty slot */
    public static Object absent() {
        return ABSENT;
    }
}
