package dev.browserstorage.processor.validation;

import java.util.Locale;
import javax.tools.Diagnostic;

/**
 * Every diagnostic the processor reports: its kind and its text, with {@code %s} placeholders for
 * the offending values. Each says what is wrong, shows the value, and says how to fix it. Tests
 * refer to these constants, never to copied text.
 */
public enum Message {
    // ------------------------------------------------------------ the annotated type
    TYPE_NOT_CLASS_OR_RECORD(
            Diagnostic.Kind.ERROR,
            "@%s cannot be used on %s %s: a store is generated from a class or a record. Move the annotation to a class or record."),
    TYPE_ABSTRACT(
            Diagnostic.Kind.ERROR,
            "@%s is on abstract class %s, which the store cannot instantiate. Make the class concrete."),
    TYPE_PRIVATE(
            Diagnostic.Kind.ERROR,
            "@%s is on private type %s, which the generated store (in the same package) cannot reach. Make it package-private or public."),
    TYPE_INNER(
            Diagnostic.Kind.ERROR,
            "@%s is on inner class %s, which needs an instance of its outer class. Make it a static nested class."),
    TYPE_GENERIC(
            Diagnostic.Kind.ERROR,
            "@%s is on generic type %s, whose fields have no fixed stored form. Remove the type parameters."),
    NO_USABLE_CONSTRUCTOR(
            Diagnostic.Kind.ERROR,
            "%s has no constructor without parameters that its store can call: the store needs one to read the field defaults and to build values. Add a public or package-private no-argument constructor."),
    MULTIPLE_AREAS(
            Diagnostic.Kind.ERROR,
            "%s is annotated with both @%s and @%s: a store keeps its fields in one place. Keep one of them."),
    NO_FIELDS(
            Diagnostic.Kind.WARNING,
            "%s has no fields to store (static and transient fields are skipped): its store will be empty."),
    NAMESPACE_INVALID(
            Diagnostic.Kind.ERROR,
            "Namespace '%s' cannot form storage keys: use only letters, digits, '_' and '-' (keys are '<app>:<namespace>.<field>'), for example '%s'."),

    // ------------------------------------------------------------ fields
    FIELD_NOT_ACCESSIBLE(
            Diagnostic.Kind.ERROR,
            "Field '%s' of %s cannot be read and written by its store: it is not public and has no getter and setter. Make it public, add get%s()/set%s(...), or mark it transient to leave it out."),
    FIELD_FINAL(
            Diagnostic.Kind.ERROR,
            "Field '%s' of %s is final, so the store cannot set it when it reads values back. Remove 'final', or mark it transient to leave it out."),
    UNSUPPORTED_TYPE(
            Diagnostic.Kind.ERROR,
            "Field '%s' has type %s, which cannot be stored: %s. Supported: String, primitives and their boxes, enums, BigDecimal, UUID, Instant, LocalDate, LocalDateTime, Duration, List/Set of those, Map<String, those>, and non-generic classes or records made of them."),
    ACCESSOR_CLASH(
            Diagnostic.Kind.ERROR,
            "Fields '%s' and '%s' of %s would both get the store methods get%s()/set%s(...): Java names that differ only in the case of their first letter cannot both be stored. Rename one of them."),
    METHOD_NAME_CLASH(
            Diagnostic.Kind.ERROR,
            "Field '%s' of %s would give its store a method %s(), which %s. Rename the field; @Key(\"%s\") keeps the name it is stored under."),
    KEY_INVALID(
            Diagnostic.Kind.ERROR,
            "@Key(\"%s\") cannot form a storage key: use only letters, digits, '_' and '-', for example \"%s\"."),
    DUPLICATE_KEY(
            Diagnostic.Kind.ERROR,
            "%s '%s' of field '%s' is already used by field '%s' of %s: two fields would overwrite each other in the browser. Give one of them another name with @Key."),
    MISSING_TYPE(
            Diagnostic.Kind.ERROR,
            "%s refers to type %s, which does not exist: no store was generated. Check the import, or the processor that should generate it."),

    // ------------------------------------------------------------ lifetimes
    TTL_INVALID(
            Diagnostic.Kind.ERROR,
            "@Ttl(\"%s\") is not a positive ISO-8601 duration in days, hours, minutes or seconds (years and months have no fixed length). Write it like \"PT30M\" (30 minutes) or \"P7D\" (7 days)."),
    TTL_ON_COOKIE(
            Diagnostic.Kind.ERROR,
            "@Ttl is on cookie store %s: cookies have a lifetime of their own. Use @Cookie(maxAge = \"%s\") instead."),

    // ------------------------------------------------------------ cookies
    COOKIE_ON_FIELD_OF_OTHER_STORE(
            Diagnostic.Kind.ERROR,
            "@Cookie is on field '%s' of %s store %s: only fields of a @Cookie store are cookies. Move the field to a @Cookie class, or remove the annotation."),
    COOKIE_PREFIX_ON_FIELD(
            Diagnostic.Kind.ERROR,
            "@Cookie(prefix = \"%s\") is on field '%s': the prefix belongs to the type. Put it on the class, or name the cookie with @Key(\"%s\")."),
    COOKIE_MAX_AGE_INVALID(
            Diagnostic.Kind.ERROR,
            "@Cookie(maxAge = \"%s\") is not an ISO-8601 duration in days, hours, minutes or seconds (years and months have no fixed length). Write it like \"P30D\" (30 days) or \"PT1H\" (1 hour), or leave it empty for a session cookie."),
    COOKIE_MAX_AGE_NOT_POSITIVE(
            Diagnostic.Kind.ERROR,
            "@Cookie(maxAge = \"%s\") is not positive: the browser would delete the cookie on every write. Give it a lifetime such as \"P30D\", or leave maxAge empty for a session cookie."),
    COOKIE_MAX_AGE_CAPPED(
            Diagnostic.Kind.WARNING,
            "@Cookie(maxAge = \"%s\") is longer than the 400 days browsers keep a cookie: it will be capped at 400 days (browsers cap it, and browser-storage caps it before sending the cookie). Use at most \"P400D\" to silence this warning."),
    COOKIE_RULE(Diagnostic.Kind.ERROR, "Cookie '%s' would be refused by browsers (%s): %s"),
    COOKIE_NAME_WHITESPACE(
            Diagnostic.Kind.ERROR,
            "Cookie name '%s' contains white space: browsers keep it, but a cookie name is an HTTP token (RFC 6265) and servers that read it strictly, such as Netty's, skip the cookie, so the store would never see it sent back. Replace the white space with '_' or '-'."),
    COOKIE_HTTP_ONLY_TYPE(
            Diagnostic.Kind.ERROR,
            "Cookie field '%s' is httpOnly but has type %s. An HttpOnly cookie is written only by the server in a Set-Cookie header and never passes through the page's script, so it must be a single plain-text value: String, a primitive or box, an enum, UUID, BigDecimal or a java.time type. Store the structure in localStorage, or keep only an id in the cookie."),
    COOKIE_DEFAULT_LARGE(
            Diagnostic.Kind.WARNING,
            "Cookie '%s' already uses %d of its 4096 bytes with its default value: a longer value will be refused. Keep cookies small (an id, a flag), and large values in localStorage."),

    COOKIE_SEALED_TOO_LARGE(
            Diagnostic.Kind.ERROR,
            "Cookie '%s' can need %d bytes once %s, over the 4096 browsers keep for a cookie's name and value: its name takes %d bytes, and a %s value of up to %d bytes takes up to %d once %s. Shorten the cookie's name (its prefix or @Key), or keep the value in localStorage."),

    // ------------------------------------------------------------ versions and migrations
    VERSION_INVALID(
            Diagnostic.Kind.ERROR,
            "version = %d is not a store version: versions start at 1 (the default) and go up by one with each change of the stored shape. Write version = 1 or more."),
    VERSION_WITHOUT_MIGRATIONS(
            Diagnostic.Kind.ERROR,
            "version %d needs migrations: declare migrations = %s.class with static @Migration(from = %s) methods, which turn values that browsers hold at an older version into the next version's."),
    MIGRATIONS_AT_VERSION_ONE(
            Diagnostic.Kind.ERROR,
            "migrations = %s.class is declared, but %s is at version 1, so no migration would ever run and browsers' older values would be read as the new shape. Raise version to %d (one above the newest @Migration's from), or remove migrations."),
    MIGRATIONS_CLASS_NOT_ACCESSIBLE(
            Diagnostic.Kind.ERROR,
            "migrations = %s.class cannot be reached from package %s, where the generated store calls its migrations. Make the class (and any class it is nested in) public, or move it to package %s."),
    MIGRATIONS_NONE(
            Diagnostic.Kind.ERROR,
            "migrations = %s.class has no @Migration method, so browsers holding values of an older version than %d cannot be migrated. Add static methods @Migration(from = %s) void name(StoredValues values) to it."),
    MIGRATION_NOT_STATIC(
            Diagnostic.Kind.ERROR,
            "@Migration method %s.%s is not static: the generated store calls it without an instance. Make it static."),
    MIGRATION_NOT_ACCESSIBLE(
            Diagnostic.Kind.ERROR,
            "@Migration method %s.%s is %s, so the generated store in package %s cannot call it. Make it public%s."),
    MIGRATION_NOT_VOID(
            Diagnostic.Kind.ERROR,
            "@Migration method %s.%s returns %s: a migration changes the values it is given in place. Make it return void."),
    MIGRATION_PARAMETERS(
            Diagnostic.Kind.ERROR,
            "@Migration method %s.%s takes (%s): a migration takes exactly one dev.browserstorage.store.StoredValues, the store's values at version 'from'. Declare it as %s(StoredValues values)."),
    MIGRATION_THROWS(
            Diagnostic.Kind.ERROR,
            "@Migration method %s.%s declares throws %s: a migration may throw Exception and its subclasses only (a failure leaves the browser's values as they were). Declare throws Exception or narrower."),
    MIGRATION_FROM_OUT_OF_RANGE(
            Diagnostic.Kind.ERROR,
            "@Migration(from = %d) on %s.%s is outside the versions of %s, which is at version %d: a migration reads version 'from' and writes 'from + 1', so 'from' must be at least 1 and at most %d."),
    MIGRATION_DUPLICATE(
            Diagnostic.Kind.ERROR,
            "@Migration(from = %d) on %s.%s migrates the same version as %s.%s: each step from one version to the next has one migration. Remove one, or change its 'from'."),
    MIGRATION_GAP(
            Diagnostic.Kind.ERROR,
            "The migrations of %s (version %d) in %s skip from = %s: every step from version %d up to %d must have a migration, or values of the older versions cannot reach version %d. Add a static @Migration method for each missing 'from' to %s."),

    // ------------------------------------------------------------ protected values
    PROTECTION_CONFLICT(
            Diagnostic.Kind.ERROR,
            "'%s' is annotated with both @Signed and @Encrypted: keep one. @Encrypted also authenticates the value and hides it from page scripts; @Signed only authenticates it, and page scripts can read it."),

    // ------------------------------------------------------------ stray annotations
    ANNOTATION_OUTSIDE_STORE(
            Diagnostic.Kind.ERROR,
            "@%s is on '%s', but %s is not a store. Annotate the class with @LocalStorage, @SessionStorage or @Cookie, or remove @%s."),

    // ------------------------------------------------------------ the processor itself
    INTERNAL_ERROR(
            Diagnostic.Kind.ERROR,
            "browser-storage could not generate a store for %s because of an internal error; please report it: %s");

    private final Diagnostic.Kind kind;
    private final String template;

    Message(Diagnostic.Kind kind, String template) {
        this.kind = kind;
        this.template = template;
    }

    /** @return error or warning */
    public Diagnostic.Kind kind() {
        return kind;
    }

    /**
     * The text with its values filled in.
     *
     * @param args the values, in order
     * @return the text
     */
    public String format(Object... args) {
        return String.format(Locale.ROOT, template, args);
    }
}
