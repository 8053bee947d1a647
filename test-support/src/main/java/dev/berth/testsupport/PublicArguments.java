package dev.berth.testsupport;

import dev.berth.model.InvalidArgumentException;
import dev.berth.model.InvalidDigestException;
import dev.berth.model.InvalidReferenceException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Calls every public method and constructor of a type with one argument bad (null; blank text; -1 for a
 * number) and the others good, and collects the calls that did not fail with Berth's typed argument error
 * naming that parameter ({@link InvalidArgumentException}, or a malformed reference or digest naming it).
 * A parameter of a type without a good sample is a failure of its own: add a sample.
 *
 * <pre>{@code
 * List<String> failures = PublicArguments.with(samples).strings(Map.of("repository", "team/app"))
 *         .check(EventQuery.class, EventQuery.all());
 * assertEquals(List.of(), failures);
 * }</pre>
 *
 * <p>Whatever a call that should have failed returns, if it is {@link AutoCloseable}, is closed, so that a
 * server started despite a bad argument does not outlive the check.
 */
public final class PublicArguments {
    private final Map<Class<?>, Object> samples;
    private final Map<String, Object> strings = new HashMap<>();
    private final Set<String> blankAllowed = new HashSet<>();
    private final Set<String> skipped = new HashSet<>();
    private final Map<String, List<String>> malformed = new HashMap<>();
    private final List<String> calls = new ArrayList<>();

    private PublicArguments(Map<Class<?>, Object> samples) {
        this.samples = Map.copyOf(samples);
    }

    /**
     * @param samples a good value of each parameter type but String and the primitives
     * @return a checker
     */
    public static PublicArguments with(Map<Class<?>, Object> samples) {
        return new PublicArguments(samples);
    }

    /**
     * @param byName good String values by parameter name
     * @return this checker
     */
    public PublicArguments strings(Map<String, Object> byName) {
        strings.putAll(byName);
        return this;
    }

    /**
     * @param names String parameters for which blank text is a meaningful value (such as "no header"), by name
     * @return this checker
     */
    public PublicArguments blankAllowed(String... names) {
        blankAllowed.addAll(List.of(names));
        return this;
    }

    /**
     * @param value a malformed text (such as a name the grammar refuses), tried besides null and blank
     * @param names the String parameters it is tried on, by name
     * @return this checker
     */
    public PublicArguments malformed(String value, String... names) {
        for (String name : names) {
            malformed.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return this;
    }

    /** @return every call made so far, as {@code method(parameters) parameter=value}, so a test can see what was checked */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    /**
     * @param methods methods not to call, by name (such as one that blocks)
     * @return this checker
     */
    public PublicArguments skip(String... methods) {
        skipped.addAll(List.of(methods));
        return this;
    }

    /**
     * @param type   whose public methods and constructors to call
     * @param target the instance to call instance methods on; null if the type has none to check
     * @return one line per call that did not name its bad argument; empty when all did
     */
    public List<String> check(Class<?> type, Object target) {
        return check(type, t -> target);
    }

    /**
     * @param type    whose public methods and constructors to call
     * @param targets a fresh instance for each instance method call, such as a new builder
     * @return one line per call that did not name its bad argument; empty when all did
     */
    public List<String> check(Class<?> type, Function<Class<?>, Object> targets) {
        List<Executable> members = new ArrayList<>();
        for (Method m : type.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic() && m.getParameterCount() > 0
                    && !skipped.contains(m.getName()) && !(m.getName().equals("equals") && m.getParameterCount() == 1)) {
                members.add(m);
            }
        }
        for (Constructor<?> c : type.getConstructors()) {
            if (c.getParameterCount() > 0) {
                members.add(c);
            }
        }
        members.sort(Comparator.comparing(Executable::toGenericString));
        List<String> failures = new ArrayList<>();
        for (Executable m : members) {
            Parameter[] params = m.getParameters();
            for (int i = 0; i < params.length; i++) {
                for (Object bad : bad(params[i])) {
                    Object[] args = new Object[params.length];
                    String problem = null;
                    for (int j = 0; j < params.length && problem == null; j++) {
                        if (j == i) {
                            args[j] = bad;
                        } else {
                            Object good = good(params[j]);
                            if (good == NO_SAMPLE) {
                                problem = "no good sample of " + params[j].getType().getName() + " "
                                        + params[j].getName() + ": add one";
                            }
                            args[j] = good;
                        }
                    }
                    String call = (m instanceof Constructor ? "<init>" : m.getName()) + "("
                            + String.join(", ", Arrays.stream(params).map(Parameter::getName).toList()) + ") "
                            + params[i].getName() + "=" + (bad == null ? "null" : "\"" + bad + "\"");
                    if (problem == null) {
                        calls.add(call);
                        problem = problem(m, targets.apply(type), args, params[i].getName());
                    }
                    if (problem != null) {
                        failures.add(type.getSimpleName() + "." + call + ": " + problem);
                    }
                }
            }
        }
        return failures;
    }

    private static final Object NO_SAMPLE = new Object();

    private List<Object> bad(Parameter p) {
        Class<?> t = p.getType();
        if (t == int.class) {
            return List.of(-1);
        }
        if (t == long.class) {
            return List.of(-1L);
        }
        if (t.isPrimitive()) {
            return List.of();
        }
        List<Object> values = new ArrayList<>();
        values.add(null);
        if (t == String.class && !blankAllowed.contains(p.getName())) {
            values.add(" ");
        }
        if (t == String.class) {
            values.addAll(malformed.getOrDefault(p.getName(), List.of()));
        }
        return values;
    }

    private Object good(Parameter p) {
        Class<?> t = p.getType();
        if (t == String.class) {
            return strings.getOrDefault(p.getName(), NO_SAMPLE);
        }
        if (t == int.class) {
            return 10;
        }
        if (t == long.class) {
            return 10L;
        }
        if (t == boolean.class) {
            return true;
        }
        if (t.isArray() && t.getComponentType() == String.class) {
            return new String[] {"a"};
        }
        return samples.getOrDefault(t, NO_SAMPLE);
    }

    // Null when the call failed as it should: with Berth's argument error, naming the parameter.
    private static String problem(Executable m, Object target, Object[] args, String name) {
        try {
            Object result = m instanceof Constructor<?> c ? c.newInstance(args)
                    : ((Method) m).invoke(Modifier.isStatic(m.getModifiers()) ? null : target, args);
            if (result instanceof AutoCloseable closeable) {
                closeable.close();
            }
            return "accepted";
        } catch (InvocationTargetException e) {
            Throwable t = e.getCause();
            if (t instanceof InvalidArgumentException a) {
                return a.argument().equals(name) ? null : "named " + a.argument() + ": " + t.getMessage();
            }
            if (t instanceof InvalidReferenceException || t instanceof InvalidDigestException) {
                return t.getMessage().contains(name) ? null : "does not name " + name + ": " + t;
            }
            return "threw " + t;
        } catch (Exception e) {
            return "could not be called: " + e;
        }
    }
}
