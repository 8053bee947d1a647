package dev.berth.server.junit;

import dev.berth.server.EmbeddedRegistry;
import dev.berth.server.Storage;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that runs an {@link EmbeddedRegistry} for a test class
 * or for each test, and injects it into test methods that ask for one.
 *
 * <pre>{@code
 * @RegisterExtension
 * static EmbeddedRegistryExtension registry = EmbeddedRegistryExtension.perClass();
 *
 * @Test
 * void pushes(EmbeddedRegistry r) { ... r.hostPort() ... }
 * }</pre>
 */
public final class EmbeddedRegistryExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {
    private final boolean perTest;
    private final Supplier<Storage> storage;
    private EmbeddedRegistry registry;

    private EmbeddedRegistryExtension(boolean perTest, Supplier<Storage> storage) {
        this.perTest = perTest;
        this.storage = storage;
    }

    /** @return one in-memory registry shared by the tests of a class */
    public static EmbeddedRegistryExtension perClass() {
        return new EmbeddedRegistryExtension(false, Storage::inMemory);
    }

    /** @return a fresh in-memory registry for each test */
    public static EmbeddedRegistryExtension perTest() {
        return new EmbeddedRegistryExtension(true, Storage::inMemory);
    }

    /**
     * @param supplier gives the storage of each registry the extension starts
     * @return a copy whose registries use storage from {@code supplier}
     */
    public EmbeddedRegistryExtension withStorage(Supplier<Storage> supplier) {
        return new EmbeddedRegistryExtension(perTest, supplier);
    }

    /** @return the running registry */
    public EmbeddedRegistry registry() {
        if (registry == null) {
            throw new IllegalStateException("the registry runs only while tests do");
        }
        return registry;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!perTest) {
            registry = EmbeddedRegistry.builder().storage(storage.get()).start();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!perTest) {
            stop();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (perTest) {
            registry = EmbeddedRegistry.builder().storage(storage.get()).start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) {
            stop();
        }
    }

    private void stop() {
        if (registry != null) {
            registry.close();
            registry = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedRegistry.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return registry();
    }
}
