package workshop.threads;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import workshop.kit.profile.ProfileDatabase;

/**
 * Hands every test class of one test run the same {@link ProfileDatabase}, opened on first use
 * (filling it takes a while) and closed when the run ends. Each check sets the latency and fault it
 * needs; {@link TripFixture} sets them back. {@link BackendsFixture} takes it in its {@code @BeforeAll}.
 */
final class SharedProfileDatabase implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ProfileDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // A value in the root store that is AutoCloseable is closed when the test run ends.
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(ProfileDatabase.class, key -> ProfileDatabase.start(), ProfileDatabase.class);
    }
}
