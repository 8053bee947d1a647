package dev.berth.server.junit;

import dev.berth.server.EmbeddedRegistry;
import dev.berth.server.Storage;
import java.util.function.Consumer;
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
 *
 * <p>Whatever {@link EmbeddedRegistry.Builder} can set (authentication, TLS,
 * notifications, read-only, limits) is set with {@link #configure(Consumer)}:
 *
 * <pre>{@code
 * static EmbeddedRegistryExtension registry = EmbeddedRegistryExtension.perClass()
 *         .configure(b -> b.authenticator(Htpasswd.load(Path.of("htpasswd"))).tls(tls.sslContext()));
 * }</pre>
 */
public final class EmbeddedRegistryExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {
    private final boolean perTest;
    private final Supplier<Storage> storage;
    private final Consumer<EmbeddedRegistry.Builder> configuration;
    private EmbeddedRegistry registry;

    private EmbeddedRegistryExtension(boolean perTest, Supplier<Storage> storage,
            Consumer<EmbeddedRegistry.Builder> configuration) {
        this.perTest = perTest;
        this.storage = storage;
        this.configuration = configuration;
    }

    /**
     * One in-memory registry shared by the tests of a class.
     *
     * @return the extension, to register with {@code @RegisterExtension} on a static field
     */
    public static EmbeddedRegistryExtension perClass() {
        return new EmbeddedRegistryExtension(false, Storage::inMemory, builder -> { });
    }

    /**
     * A fresh in-memory registry for each test.
     *
     * @return the extension, to register with {@code @RegisterExtension}
     */
    public static EmbeddedRegistryExtension perTest() {
        return new EmbeddedRegistryExtension(true, Storage::inMemory, builder -> { });
    }

    /**
     * Storage for the registries this extension starts.
     *
     * @param supplier called once for each registry started
     * @return a copy whose registries use storage from {@code supplier}
     */
    public EmbeddedRegistryExtension withStorage(Supplier<Storage> supplier) {
        return new EmbeddedRegistryExtension(perTest, supplier, configuration);
    }

    /**
     * Anything else {@link EmbeddedRegistry.Builder} can set: authentication,
     * TLS, notifications, read-only mode, limits. Applied after the storage,
     * before each registry starts; a later call adds to an earlier one.
     *
     * @param more sets options on the builder of each registry started
     * @return a copy whose registries are configured by {@code more} as well
     */
    public EmbeddedRegistryExtension configure(Consumer<EmbeddedRegistry.Builder> more) {
        return new EmbeddedRegistryExtension(perTest, storage, configuration.andThen(more));
    }

    /**
     * The registry of the running test or test class.
     *
     * @return the running registry
     * @throws IllegalStateException outside a test
     */
    public EmbeddedRegistry registry() {
        if (registry == null) {
            throw new IllegalStateException("the registry runs only while tests do");
        }
        return registry;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!perTest) {
            registry = start();
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
            registry = start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) {
            stop();
        }
    }

    private EmbeddedRegistry start() {
        EmbeddedRegistry.Builder builder = EmbeddedRegistry.builder().storage(storage.get());
        configuration.accept(builder);
        return builder.start();
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
