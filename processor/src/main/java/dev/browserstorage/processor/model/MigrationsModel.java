package dev.browserstorage.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.Comparator;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * The class a versioned store names in {@code migrations}, read from its type mirror, never loaded.
 *
 * @param element the class
 * @param className its name, for the generated method references
 * @param accessible whether the store's package can name it (and every class it is nested in)
 * @param storePackage the store's package, for messages
 * @param methods its {@code @Migration} methods, in declaration order
 */
public record MigrationsModel(
        TypeElement element,
        ClassName className,
        boolean accessible,
        String storePackage,
        List<MigrationModel> methods) {

    /** @return the methods by {@code from}, oldest first (the order the store runs them) */
    public List<MigrationModel> inOrder() {
        return methods.stream()
                .sorted(Comparator.comparingInt(MigrationModel::from))
                .toList();
    }

    /** @return true if the class is in the store's package */
    public boolean samePackage() {
        return className.packageName().equals(storePackage);
    }

    /** @return the class's name as the source spells it: {@code com.acme.Outer.Migrations} */
    public String describe() {
        return className.canonicalName();
    }
}
