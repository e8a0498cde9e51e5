package dev.browserstorage.quarkus.deployment;

import dev.browserstorage.quarkus.BrowserStorageBuildTimeConfig;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.BeanRegistrationPhaseBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem;
import io.quarkus.arc.processor.BeanInfo;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.pkg.builditem.CurateOutcomeBuildItem;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jboss.jandex.DotName;

/**
 * Typed stores in Qute templates: the value resolver that reads them without throwing (registered
 * only in applications that have Qute, named by string as in {@link QuteTagProcessor}), and the
 * names under which templates find them with {@code {inject:<name>}}, checked against the
 * application's other beans.
 */
class StoreTemplatesProcessor {
    static final String RESOLVER = "dev.browserstorage.quarkus.runtime.StoreValueResolver";

    /** A name Qute reads as one part of an expression, and CDI takes as a bean name. */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    @BuildStep
    void registerStoreResolver(CurateOutcomeBuildItem curate, BuildProducer<AdditionalBeanBuildItem> beans) {
        if (QuteTagProcessor.quteIsPresent(curate)) {
            beans.produce(AdditionalBeanBuildItem.builder()
                    .addBeanClasses(RESOLVER)
                    .setUnremovable()
                    .setDefaultScope(DotName.createSimple(Singleton.class))
                    .build());
        }
    }

    /**
     * Names the stores' beans, each with the name no other bean has: an application bean (or an
     * earlier store) that has it keeps it, and the build fails naming both. Settled before the beans
     * are registered, since Qute's template checks cannot cope with two beans of one name.
     */
    @BuildStep
    StoreNamesBuildItem nameStores(
            BrowserStorageBuildTimeConfig config,
            StoresBuildItem stores,
            BeanRegistrationPhaseBuildItem phase,
            BuildProducer<ValidationPhaseBuildItem.ValidationErrorBuildItem> errors) {
        Map<String, String> names = new TreeMap<>();
        Map<String, String> storesByName = new TreeMap<>();
        for (StoreIndex.Store store : stores.stores()) {
            Optional<String> name = beanName(config.namedStores(), store);
            if (name.isEmpty()) {
                continue;
            }
            List<String> others = new ArrayList<>();
            phase.getContext().beans().withName(name.get()).forEach(bean -> others.add(describe(bean)));
            if (storesByName.containsKey(name.get())) {
                others.add("store " + storesByName.get(name.get()));
            }
            if (others.isEmpty()) {
                names.put(store.storeClass(), name.get());
                storesByName.put(name.get(), store.storeClass());
            }
            for (String other : others) {
                errors.produce(new ValidationPhaseBuildItem.ValidationErrorBuildItem(new IllegalStateException(
                        "browser-storage: store " + store.storeClass() + " would be the bean named '" + name.get()
                                + "' (for templates: {inject:" + name.get() + ".<field>}), but that is the name of "
                                + other
                                + ". Rename that bean, or set quarkus.browser-storage.named-stores=false to leave the"
                                + " stores unnamed.")));
            }
        }
        return new StoreNamesBuildItem(names);
    }

    /**
     * The CDI name of a store's bean: its namespace for localStorage and sessionStorage stores, its
     * POJO's simple name with a lower-case first letter for cookie stores; none where that is no
     * identifier, or where {@code quarkus.browser-storage.named-stores} is off.
     */
    static Optional<String> beanName(boolean namedStores, StoreIndex.Store store) {
        if (!namedStores) {
            return Optional.empty();
        }
        String name = bindingName(store);
        return IDENTIFIER.matcher(name).matches() ? Optional.of(name) : Optional.empty();
    }

    /**
     * The name a store goes by in templates and bound form fields ({@code data-storage="<name>.<field>"},
     * served to the glue with the store's schema): its namespace for localStorage and sessionStorage
     * stores, its POJO's simple name with a lower-case first letter for cookie stores.
     */
    static String bindingName(StoreIndex.Store store) {
        if (!store.area().equals("cookie")) {
            return store.namespace();
        }
        String simple = store.type()
                .substring(Math.max(store.type().lastIndexOf('.'), store.type().lastIndexOf('$')) + 1);
        return simple.isEmpty() ? simple : Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
    }

    private static String describe(BeanInfo bean) {
        String declaredBy = bean.getTarget()
                .map(target -> switch (target.kind()) {
                    case METHOD ->
                        " (produced by " + target.asMethod().declaringClass().name() + "#"
                                + target.asMethod().name() + ")";
                    case FIELD ->
                        " (produced by " + target.asField().declaringClass().name() + "#"
                                + target.asField().name() + ")";
                    default -> "";
                })
                .orElse("");
        return "bean " + (bean.getImplClazz() != null ? bean.getImplClazz().name() : bean.getBeanClass()) + declaredBy;
    }
}
