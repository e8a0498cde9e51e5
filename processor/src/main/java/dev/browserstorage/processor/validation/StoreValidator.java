package dev.browserstorage.processor.validation;

import dev.browserstorage.StorageArea;
import dev.browserstorage.codec.Codecs;
import dev.browserstorage.cookie.CookieOptions;
import dev.browserstorage.cookie.CookieRule;
import dev.browserstorage.cookie.CookieRules;
import dev.browserstorage.cookie.InvalidCookieException;
import dev.browserstorage.processor.model.AccessKind;
import dev.browserstorage.processor.model.AnnotationRef;
import dev.browserstorage.processor.model.CookieAttributes;
import dev.browserstorage.processor.model.CookiePrism;
import dev.browserstorage.processor.model.FieldModel;
import dev.browserstorage.processor.model.Names;
import dev.browserstorage.processor.model.Protections;
import dev.browserstorage.processor.model.StoreModel;
import dev.browserstorage.processor.model.ValueType;
import dev.browserstorage.protect.Protection;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * Turns a {@link StoreModel} into the list of its problems. It never reports and never writes; a
 * store with an error among its problems is not generated.
 */
public final class StoreValidator {
    private static final Pattern KEY_PART = Pattern.compile("[A-Za-z0-9_-]+");

    /** The store's own methods without parameters, and Object's: no field's handle or getter may take them. */
    private static final Set<String> STORE_METHODS = Set.of(
            "get",
            "clear",
            "browser",
            "isHydrated",
            "awaitHydrated",
            "descriptor",
            "isKnown",
            "getClass",
            "hashCode",
            "toString",
            "notify",
            "notifyAll",
            "wait",
            "clone",
            "finalize");

    private final KeyRegistry keys;

    /**
     * Creates a validator that claims keys in a registry shared by the stores validated with it.
     *
     * @param keys the registry
     */
    public StoreValidator(KeyRegistry keys) {
        this.keys = keys;
    }

    /**
     * Every problem of a store, type first, then field by field in declaration order.
     *
     * @param store the store
     * @return its problems; empty if it can be generated as it is
     */
    public List<Problem> validate(StoreModel store) {
        List<Problem> problems = new ArrayList<>();
        validateType(store, problems);
        Set<String> reported = new HashSet<>();
        Map<String, FieldModel> accessors = new HashMap<>();
        Map<String, String> methods = new HashMap<>();
        for (FieldModel field : store.fields()) {
            String property = Names.capitalize(field.name());
            FieldModel earlier = accessors.putIfAbsent(property, field);
            if (earlier != null) {
                problems.add(Problem.on(
                        Message.ACCESSOR_CLASH,
                        field.element(),
                        earlier.name(),
                        field.name(),
                        store.pojo().canonicalName(),
                        property,
                        property));
            } else {
                checkMethodNames(store, field, methods, problems);
            }
            validateField(store, field, problems, reported);
        }
        return problems;
    }

    /**
     * A field gives its store two methods without parameters, its handle ({@code theme()}) and its
     * getter ({@code getTheme()}); neither may be a name the store has for itself or one another
     * field's methods take.
     */
    private static void checkMethodNames(
            StoreModel store, FieldModel field, Map<String, String> methods, List<Problem> problems) {
        for (String method : List.of(field.name(), field.storeGetter())) {
            String holder = STORE_METHODS.contains(method)
                    ? "every store has for itself"
                    : methods.putIfAbsent(method, "field '" + field.name() + "' takes");
            if (holder != null) {
                problems.add(Problem.on(
                        Message.METHOD_NAME_CLASH,
                        field.element(),
                        field.name(),
                        store.pojo().canonicalName(),
                        method,
                        holder,
                        field.keyPart()));
                return;
            }
        }
    }

    private void validateType(StoreModel store, List<Problem> problems) {
        String annotation = annotationName(store.areaAnnotation());
        StoreModel.TypeShape shape = store.shape();
        String typeName = store.pojo().canonicalName();
        if (!shape.typeKind().equals("class") && !shape.typeKind().equals("record")) {
            problems.add(Problem.on(
                    Message.TYPE_NOT_CLASS_OR_RECORD,
                    store.element(),
                    annotation,
                    shape.typeKind().replace('_', ' '),
                    typeName));
            return;
        }
        for (AnnotationRef other : store.otherAreaAnnotations()) {
            problems.add(Problem.at(
                    Message.MULTIPLE_AREAS,
                    store.element(),
                    other.mirror(),
                    null,
                    typeName,
                    annotation,
                    annotationName(other)));
        }
        if (shape.isAbstract()) {
            problems.add(Problem.on(Message.TYPE_ABSTRACT, store.element(), annotation, typeName));
        }
        if (shape.isPrivate()) {
            problems.add(Problem.on(Message.TYPE_PRIVATE, store.element(), annotation, typeName));
        }
        if (shape.isInnerClass()) {
            problems.add(Problem.on(Message.TYPE_INNER, store.element(), annotation, typeName));
        }
        if (shape.isGeneric()) {
            problems.add(Problem.on(Message.TYPE_GENERIC, store.element(), annotation, typeName));
        }
        if (!store.isRecord() && !shape.hasNoArgConstructor()) {
            problems.add(Problem.on(Message.NO_USABLE_CONSTRUCTOR, store.element(), typeName));
        }
        if (store.area() != StorageArea.COOKIE
                && !KEY_PART.matcher(store.namespace()).matches()) {
            AnnotationValue value = store.areaAnnotation().explicit("value").orElse(null);
            problems.add(Problem.at(
                    Message.NAMESPACE_INVALID,
                    store.element(),
                    store.areaAnnotation().mirror(),
                    value,
                    store.namespace(),
                    suggestKeyPart(store.namespace())));
        }
        store.ttl().ifPresent(ttl -> {
            if (store.area() == StorageArea.COOKIE) {
                problems.add(Problem.at(
                        Message.TTL_ON_COOKIE, store.element(), ttl.mirror(), null, typeName, ttl.string("value")));
            } else {
                checkTtl(ttl, problems);
            }
        });
        if (store.fields().isEmpty()) {
            problems.add(Problem.on(Message.NO_FIELDS, store.element(), typeName));
        }
        checkProtections(store.protections(), store.element().getSimpleName().toString(), problems);
        if (store.area() != StorageArea.COOKIE) {
            new MigrationChecks(store, problems).check();
        }
    }

    /** Both {@code @Signed} and {@code @Encrypted} on one element: an error on the second. */
    private static void checkProtections(Protections protections, String name, List<Problem> problems) {
        if (protections.both()) {
            AnnotationRef encrypted = protections.encrypted().orElseThrow();
            problems.add(Problem.at(Message.PROTECTION_CONFLICT, encrypted.element(), encrypted.mirror(), null, name));
        }
    }

    private void validateField(StoreModel store, FieldModel field, List<Problem> problems, Set<String> reported) {
        String typeName = store.pojo().canonicalName();
        checkProtections(field.protections(), field.name(), problems);
        if (field.access() == AccessKind.INACCESSIBLE) {
            String capitalized = Names.capitalize(field.name());
            problems.add(Problem.on(
                    Message.FIELD_NOT_ACCESSIBLE, field.element(), field.name(), typeName, capitalized, capitalized));
        } else if (field.access() == AccessKind.FIELD && field.finalField()) {
            problems.add(Problem.on(Message.FIELD_FINAL, field.element(), field.name(), typeName));
        }
        Optional<String> unsupported = field.type().unsupportedReason();
        unsupported.ifPresent(reason -> problems.add(Problem.on(
                Message.UNSUPPORTED_TYPE,
                field.element(),
                field.name(),
                field.type().describe(),
                reason)));

        boolean keyValid = true;
        if (store.area() != StorageArea.COOKIE) {
            if (field.key().isPresent() && !KEY_PART.matcher(field.keyPart()).matches()) {
                AnnotationRef key = field.key().get();
                problems.add(Problem.at(
                        Message.KEY_INVALID,
                        key.element(),
                        key.mirror(),
                        key.explicit("value").orElse(null),
                        field.keyPart(),
                        suggestKeyPart(field.keyPart())));
                keyValid = false;
            }
            field.cookie()
                    .ifPresent(cookie -> problems.add(Problem.at(
                            Message.COOKIE_ON_FIELD_OF_OTHER_STORE,
                            cookie.element(),
                            cookie.mirror(),
                            null,
                            field.name(),
                            store.area() == StorageArea.LOCAL ? "@LocalStorage" : "@SessionStorage",
                            typeName)));
            field.ttl().ifPresent(ttl -> checkTtl(ttl, problems));
        } else {
            keyValid = validateCookieField(store, field, problems, reported);
            field.ttl()
                    .ifPresent(ttl -> problems.add(Problem.at(
                            Message.TTL_ON_COOKIE, ttl.element(), ttl.mirror(), null, typeName, ttl.string("value"))));
        }
        if (keyValid) {
            String key = store.keyOf(field);
            keys.claim(store.area(), key, new KeyRegistry.Claim(field.name(), typeName))
                    .ifPresent(earlier -> {
                        AnnotationRef at = field.key().orElse(null);
                        problems.add(Problem.at(
                                Message.DUPLICATE_KEY,
                                at == null ? field.element() : at.element(),
                                at == null ? null : at.mirror(),
                                at == null ? null : at.explicit("value").orElse(null),
                                store.area() == StorageArea.COOKIE ? "Cookie name" : "Key",
                                key,
                                field.name(),
                                earlier.field(),
                                earlier.type()));
                    });
        }
    }

    /** Returns false if the cookie's name is unusable (then it claims no name). */
    private boolean validateCookieField(
            StoreModel store, FieldModel field, List<Problem> problems, Set<String> reported) {
        CookieAttributes attributes = store.cookie(field);
        Optional<CookiePrism> own = attributes.own();
        own.ifPresent(cookie -> cookie.explicit("prefix")
                .ifPresent(prefix -> problems.add(Problem.at(
                        Message.COOKIE_PREFIX_ON_FIELD,
                        cookie.ref().element(),
                        cookie.ref().mirror(),
                        prefix,
                        prefix.getValue(),
                        field.name(),
                        prefix.getValue() + field.keyPart()))));

        String name = store.keyOf(field);
        Optional<Duration> maxAge = Optional.empty();
        AnnotationRef maxAgeSource = attributes.source("maxAge");
        String maxAgeText = attributes.values().maxAge();
        if (!maxAgeText.isEmpty()) {
            try {
                maxAge = Optional.of(Duration.parse(maxAgeText));
                if (maxAge.get().isZero() || maxAge.get().isNegative()) {
                    if (reported.add("maxAge:" + maxAgeText + ":" + System.identityHashCode(maxAgeSource.mirror()))) {
                        problems.add(Problem.at(
                                Message.COOKIE_MAX_AGE_NOT_POSITIVE,
                                maxAgeSource.element(),
                                maxAgeSource.mirror(),
                                maxAgeSource.explicit("maxAge").orElse(null),
                                maxAgeText));
                    }
                    return true;
                }
                if (maxAge.get().compareTo(CookieRules.MAX_LIFETIME) > 0
                        && reported.add("maxAgeCapped:" + System.identityHashCode(maxAgeSource.mirror()))) {
                    problems.add(Problem.at(
                            Message.COOKIE_MAX_AGE_CAPPED,
                            maxAgeSource.element(),
                            maxAgeSource.mirror(),
                            maxAgeSource.explicit("maxAge").orElse(null),
                            maxAgeText));
                }
            } catch (DateTimeParseException e) {
                if (reported.add("maxAge:" + maxAgeText + ":" + System.identityHashCode(maxAgeSource.mirror()))) {
                    problems.add(Problem.at(
                            Message.COOKIE_MAX_AGE_INVALID,
                            maxAgeSource.element(),
                            maxAgeSource.mirror(),
                            maxAgeSource.explicit("maxAge").orElse(null),
                            maxAgeText));
                }
                return true;
            }
        }
        CookieOptions built = attributes.values().toOptions(maxAge);
        boolean nameValid = true;
        try {
            CookieRules.checkDeclaration(name, built);
        } catch (InvalidCookieException e) {
            Blame blame = blame(e.rule(), field, attributes);
            if (reported.add(e.rule() + ":" + blame.describe())) {
                problems.add(Problem.at(
                        Message.COOKIE_RULE,
                        blame.element(),
                        blame.annotation(),
                        blame.value(),
                        name,
                        e.rule().name(),
                        e.getMessage()));
            }
            nameValid = !isNameRule(e.rule());
        }
        // CookieRules follows browsers, which keep a space inside a name; @Key promises to refuse it.
        if (nameValid && (name.indexOf(' ') >= 0 || name.indexOf('\t') >= 0)) {
            Blame blame = blame(CookieRule.NAME_CHARACTERS, field, attributes);
            if (reported.add("whitespace:" + blame.describe())) {
                problems.add(Problem.at(
                        Message.COOKIE_NAME_WHITESPACE, blame.element(), blame.annotation(), blame.value(), name));
            }
            nameValid = false;
        }
        if (built.httpOnly() && field.type().isSupported() && !isPlainText(field.type())) {
            AnnotationRef source = attributes.source("httpOnly");
            problems.add(Problem.at(
                    Message.COOKIE_HTTP_ONLY_TYPE,
                    field.element(),
                    source.mirror(),
                    source.explicit("httpOnly").orElse(null),
                    field.name(),
                    field.type().describe()));
        }
        Protection protection = store.protectionOf(field);
        int nameBytes = CookieRules.nameValueBytes(name, "");
        field.defaultLiteral().filter(String.class::isInstance).ifPresent(literal -> {
            String text = Codecs.cookieForm(Codecs.string()).encode((String) literal);
            int bytes = nameBytes + SealedSizes.sealed(protection, text.length());
            if (bytes > CookieRules.MAX_NAME_VALUE_BYTES / 2) {
                problems.add(Problem.on(Message.COOKIE_DEFAULT_LARGE, field.element(), name, bytes));
            }
        });
        if (nameValid && protection != Protection.NONE && field.type().isSupported()) {
            OptionalInt longest = SealedSizes.maxCookieText(field.type());
            if (longest.isPresent()) {
                int sealed = SealedSizes.sealed(protection, longest.getAsInt());
                if (nameBytes + sealed > CookieRules.MAX_NAME_VALUE_BYTES) {
                    String how = protection == Protection.SIGNED ? "signed" : "encrypted";
                    problems.add(Problem.on(
                            Message.COOKIE_SEALED_TOO_LARGE,
                            field.element(),
                            name,
                            nameBytes + sealed,
                            how,
                            nameBytes,
                            field.type().describe(),
                            longest.getAsInt(),
                            sealed,
                            how));
                }
            }
        }
        return nameValid;
    }

    private static boolean isPlainText(ValueType type) {
        return type.kind().isScalar();
    }

    private static boolean isNameRule(CookieRule rule) {
        return switch (rule) {
            case NAME_CHARACTERS,
                    NAME_CONTAINS_EQUALS,
                    LEADING_OR_TRAILING_WHITESPACE,
                    EMPTY_NAME_AND_VALUE,
                    NAMELESS_VALUE_CONTAINS_EQUALS,
                    NAMELESS_VALUE_HAS_PREFIX,
                    NAME_VALUE_TOO_LONG -> true;
            default -> false;
        };
    }

    /** The attributes that can break a cookie rule, most likely first. */
    private static List<String> attributesOf(CookieRule rule) {
        return switch (rule) {
            case ATTRIBUTE_TOO_LONG, ATTRIBUTE_CHARACTERS -> List.of("domain", "path");
            case PATH_NOT_ABSOLUTE -> List.of("path");
            case DOMAIN_LEADING_DOT, DOMAIN_IP_ADDRESS, DOMAIN_SYNTAX, DOMAIN_PUBLIC_SUFFIX, DOMAIN_MISMATCH ->
                List.of("domain");
            case HOST_PREFIX, HOST_HTTP_PREFIX -> List.of("domain", "path", "secure", "httpOnly");
            case SECURE_PREFIX -> List.of("secure");
            case HTTP_PREFIX -> List.of("httpOnly", "secure");
            case SAMESITE_NONE_REQUIRES_SECURE -> List.of("sameSite", "secure");
            case PARTITIONED_REQUIRES_SECURE -> List.of("partitioned", "secure");
            case EXPIRES_AND_MAX_AGE -> List.of("maxAge");
            default -> List.of();
        };
    }

    /** Where a broken cookie rule is best underlined: the attribute that causes it. */
    private static Blame blame(CookieRule rule, FieldModel field, CookieAttributes attributes) {
        for (String attribute : attributesOf(rule)) {
            List<CookiePrism> places =
                    attributes.own().map(own -> List.of(own, attributes.type())).orElse(List.of(attributes.type()));
            for (CookiePrism place : places) {
                Optional<AnnotationValue> value = place.explicit(attribute);
                if (value.isPresent()) {
                    return new Blame(place.ref().element(), place.ref().mirror(), value.get());
                }
            }
        }
        // Name rules, and attribute rules broken by a default: the name is what to change.
        if (field.key().isPresent()) {
            AnnotationRef key = field.key().get();
            return new Blame(key.element(), key.mirror(), key.explicit("value").orElse(null));
        }
        AnnotationRef type = attributes.type().ref();
        Optional<AnnotationValue> prefix = type.explicit("prefix");
        if (prefix.isPresent() && isNameRule(rule)) {
            return new Blame(type.element(), type.mirror(), prefix.get());
        }
        return new Blame(field.element(), null, null);
    }

    /** Where a diagnostic goes: an element, and the annotation and value on it if there is one. */
    private record Blame(Element element, AnnotationMirror annotation, AnnotationValue value) {
        String describe() {
            // Identity of the place: one report per broken attribute, however many fields share it.
            return System.identityHashCode(element) + "/" + System.identityHashCode(annotation) + "/"
                    + System.identityHashCode(value);
        }
    }

    private static void checkTtl(AnnotationRef ttl, List<Problem> problems) {
        String text = ttl.string("value");
        boolean valid;
        try {
            Duration duration = Duration.parse(text);
            valid = !duration.isZero() && !duration.isNegative();
        } catch (DateTimeParseException e) {
            valid = false;
        }
        if (!valid) {
            problems.add(Problem.at(
                    Message.TTL_INVALID,
                    ttl.element(),
                    ttl.mirror(),
                    ttl.explicit("value").orElse(null),
                    text));
        }
    }

    private static String suggestKeyPart(String invalid) {
        String suggestion = invalid.replaceAll("[^A-Za-z0-9_-]+", "-").replaceAll("^-+|-+$", "");
        return suggestion.isEmpty() ? "prefs" : suggestion;
    }

    private static String annotationName(AnnotationRef ref) {
        return ref.mirror().getAnnotationType().asElement().getSimpleName().toString();
    }
}
