package dev.browserstorage.demo.chromium;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks tests that drive a real Chromium. Where {@link ChromiumInstallation} finds none, each test
 * is skipped with the reason, and a warning says so once per run; in CI (the environment variable
 * {@code CI} is {@code true}) each one fails instead, as CI must never skip them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(RequiresChromium.Condition.class)
public @interface RequiresChromium {

    /** Decides per test, so that each skipped or failed test names the reason. */
    final class Condition implements ExecutionCondition {
        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Condition.class);

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (context.getTestMethod().isEmpty()) {
                return ConditionEvaluationResult.enabled("Chromium is looked for per test");
            }
            Optional<String> missing = ChromiumInstallation.configured().missing();
            if (missing.isEmpty()) {
                return ConditionEvaluationResult.enabled("Chromium is installed");
            }
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true, so the Chromium tests must run, but: " + missing.get());
            }
            context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("warned", key -> warn(missing.get()));
            return ConditionEvaluationResult.disabled("Chromium tests skipped: " + missing.get());
        }

        private static Boolean warn(String missing) {
            System.err.printf(
                    "%n*** WARNING: the Chromium tests are SKIPPED: %s%n*** (In CI, with CI=true, they fail instead.)%n%n",
                    missing);
            return Boolean.TRUE;
        }
    }
}
