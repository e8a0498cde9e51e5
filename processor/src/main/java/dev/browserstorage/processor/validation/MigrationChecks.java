package dev.browserstorage.processor.validation;

import dev.browserstorage.processor.model.AnnotationRef;
import dev.browserstorage.processor.model.MigrationModel;
import dev.browserstorage.processor.model.MigrationsModel;
import dev.browserstorage.processor.model.StoreModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.type.TypeMirror;

/**
 * The checks of a localStorage or sessionStorage store's {@code version} and {@code migrations}:
 * the version itself, the migrations class, each {@code @Migration} method, and that the methods
 * cover every step from the oldest one up to the version, once each.
 */
final class MigrationChecks {
    private final StoreModel store;
    private final List<Problem> problems;
    private final AnnotationRef area;

    MigrationChecks(StoreModel store, List<Problem> problems) {
        this.store = store;
        this.problems = problems;
        this.area = store.areaAnnotation();
    }

    void check() {
        int version = store.version();
        Optional<MigrationsModel> migrations = store.migrations();
        if (version < 1) {
            onArea(Message.VERSION_INVALID, "version", version);
            return;
        }
        Optional<AnnotationValue> written = area.explicit("migrations");
        if (written.isPresent() && !(written.get().getValue() instanceof TypeMirror)) {
            return; // a class literal javac could not resolve: javac reports it
        }
        if (migrations.isEmpty()) {
            if (version > 1) {
                onArea(
                        Message.VERSION_WITHOUT_MIGRATIONS,
                        "version",
                        version,
                        String.join("_", store.pojo().simpleNames()) + "Migrations",
                        fromValues(1, version - 1, "|"));
            }
            return;
        }
        MigrationsModel type = migrations.get();
        if (version == 1) {
            int suggested =
                    type.methods().stream().mapToInt(MigrationModel::from).max().orElse(1) + 1;
            onArea(
                    Message.MIGRATIONS_AT_VERSION_ONE,
                    "migrations",
                    type.describe(),
                    store.pojo().canonicalName(),
                    Math.max(2, suggested));
            return;
        }
        if (!type.accessible()) {
            onArea(
                    Message.MIGRATIONS_CLASS_NOT_ACCESSIBLE,
                    "migrations",
                    type.describe(),
                    type.storePackage(),
                    type.storePackage());
        }
        if (type.methods().isEmpty()) {
            onArea(Message.MIGRATIONS_NONE, "migrations", type.describe(), version, fromValues(1, version - 1, "|"));
            return;
        }
        Map<Integer, MigrationModel> byFrom = new HashMap<>();
        for (MigrationModel method : type.methods()) {
            checkMethod(type, method);
            if (method.from() < 1 || method.from() >= version) {
                onFrom(
                        Message.MIGRATION_FROM_OUT_OF_RANGE,
                        method,
                        method.from(),
                        type.describe(),
                        method.name(),
                        store.pojo().canonicalName(),
                        version,
                        version - 1);
                continue;
            }
            MigrationModel first = byFrom.putIfAbsent(method.from(), method);
            if (first != null) {
                onFrom(
                        Message.MIGRATION_DUPLICATE,
                        method,
                        method.from(),
                        type.describe(),
                        method.name(),
                        type.describe(),
                        first.name());
            }
        }
        if (byFrom.isEmpty()) {
            return; // every from is out of range: reported on each
        }
        int oldest = byFrom.keySet().stream().mapToInt(Integer::intValue).min().orElseThrow();
        List<Integer> missing = new ArrayList<>();
        for (int from = oldest; from < version; from++) {
            if (!byFrom.containsKey(from)) {
                missing.add(from);
            }
        }
        if (!missing.isEmpty()) {
            onArea(
                    Message.MIGRATION_GAP,
                    "migrations",
                    store.pojo().canonicalName(),
                    version,
                    type.describe(),
                    missing.stream().map(String::valueOf).collect(Collectors.joining(", ")),
                    oldest,
                    version - 1,
                    version,
                    type.describe());
        }
    }

    private void checkMethod(MigrationsModel type, MigrationModel method) {
        String owner = type.describe();
        if (!method.isStatic()) {
            problems.add(Problem.on(Message.MIGRATION_NOT_STATIC, method.element(), owner, method.name()));
        }
        if (!method.accessible()) {
            String access = method.isPrivate()
                    ? "private"
                    : method.element().getModifiers().contains(javax.lang.model.element.Modifier.PROTECTED)
                            ? "protected"
                            : "package-private";
            problems.add(Problem.on(
                    Message.MIGRATION_NOT_ACCESSIBLE,
                    method.element(),
                    owner,
                    method.name(),
                    access,
                    type.storePackage(),
                    type.samePackage() ? " or package-private" : ""));
        }
        if (!method.returnsVoid()) {
            problems.add(Problem.on(
                    Message.MIGRATION_NOT_VOID, method.element(), owner, method.name(), method.returnType()));
        }
        if (!method.takesStoredValues()) {
            problems.add(Problem.on(
                    Message.MIGRATION_PARAMETERS,
                    method.element(),
                    owner,
                    method.name(),
                    String.join(", ", method.parameterTypes()),
                    method.name()));
        }
        if (!method.badThrows().isEmpty()) {
            problems.add(Problem.on(
                    Message.MIGRATION_THROWS,
                    method.element(),
                    owner,
                    method.name(),
                    String.join(", ", method.badThrows())));
        }
    }

    /** A problem on a migration's {@code from}. */
    private void onFrom(Message message, MigrationModel method, Object... args) {
        AnnotationValue from = method.annotation().explicit("from").orElse(null);
        problems.add(Problem.at(message, method.element(), method.annotation().mirror(), from, args));
    }

    /** A problem on the store annotation's attribute (on the annotation where it is not written). */
    private void onArea(Message message, String attribute, Object... args) {
        AnnotationValue value = area.explicit(attribute).orElse(null);
        problems.add(Problem.at(message, store.element(), area.mirror(), value, args));
    }

    private static String fromValues(int first, int last, String separator) {
        return IntStream.rangeClosed(first, last).mapToObj(String::valueOf).collect(Collectors.joining(separator));
    }
}
