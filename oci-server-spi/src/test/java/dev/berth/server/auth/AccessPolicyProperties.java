package dev.berth.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.auth.Scope;
import dev.berth.server.auth.internal.RepositoryGlob;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random policies and random requests: {@link AccessPolicy} decides as a
 * plain reading of its documentation does, written here a second way (globs
 * as regular expressions, rules as a loop over lists). The alphabets are tiny
 * so that globs, names and users collide often.
 */
class AccessPolicyProperties {
    private static final List<String> USERS = List.of("alice", "bob", "carol", "*");
    private static final List<String> SUBJECTS = List.of("", "alice", "bob", "carol", "dave");

    @Property(tries = 2000)
    void globsMatchAsTheirRegularExpressions(@ForAll("globs") String glob, @ForAll("repositories") String repository) {
        assertEquals(regex(glob).matcher(repository).matches(), RepositoryGlob.compile(glob).matches(repository),
                glob + " against " + repository);
    }

    @Property(tries = 3000)
    void policiesDecideAsTheReferenceModel(@ForAll("policies") Model model, @ForAll("subjects") String subject,
                                           @ForAll("scopes") Scope scope) {
        AccessPolicy policy = model.policy();
        assertEquals(model.allows(subject, scope), policy.allows(subject, scope), () -> model + " " + subject + " " + scope);
    }

    @Property(tries = 2000)
    void theCatalogListsWhatTheReferenceLetsTheSubjectPull(@ForAll("policies") Model model,
                                                          @ForAll("subjects") String subject,
                                                          @ForAll("repositories") String repository) {
        assertEquals(model.allows(subject, Scope.pull(repository)), model.policy().lists(subject, repository),
                () -> model + " " + subject + " " + repository);
    }

    @Property(tries = 1000)
    void theTokenAuthorizerGrantsEachActionTheReferenceAllows(@ForAll("policies") Model model,
                                                              @ForAll("subjects") String subject,
                                                              @ForAll("scopes") Scope scope) {
        Set<String> expected = new TreeSet<>();
        for (String action : scope.actions()) {
            if (model.allows(subject, new Scope(scope.type(), scope.name(), Set.of(action)))) {
                expected.add(action);
            }
        }
        assertEquals(expected, new TreeSet<>(model.policy().authorizer().grant(subject, scope)),
                () -> model + " " + subject + " " + scope);
    }

    /** The reference: the documented rules, read literally. */
    record Model(List<String> admins, List<String> anonymous, List<AccessPolicy.Rule> rules) {
        AccessPolicy policy() {
            return AccessPolicy.of(admins, anonymous, rules);
        }

        boolean allows(String subject, Scope scope) {
            boolean signedIn = !subject.isEmpty();
            if (signedIn && (admins.contains(subject) || admins.contains("*"))) {
                return true;
            }
            if (scope.type().equals("registry") && scope.name().equals("catalog") && scope.actions().equals(Set.of("*"))) {
                return signedIn || !anonymous.isEmpty();
            }
            if (!scope.type().equals("repository")) {
                return false;
            }
            Set<String> granted = new HashSet<>(anonymous);
            if (signedIn) {
                for (AccessPolicy.Rule rule : rules) {
                    boolean names = rule.users().contains(subject) || rule.users().contains("*");
                    boolean matches = rule.repositories().stream().anyMatch(g -> regex(g).matcher(scope.name()).matches());
                    if (names && matches) {
                        granted.addAll(rule.actions());
                        break;
                    }
                }
            }
            if (granted.contains("push")) {
                granted.add("pull");
            }
            return granted.containsAll(scope.actions());
        }
    }

    // ** is any characters, * any but a slash, every other character itself.
    static Pattern regex(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            if (glob.startsWith("**", i)) {
                re.append(".*");
                i++;
            } else if (glob.charAt(i) == '*') {
                re.append("[^/]*");
            } else {
                re.append(Pattern.quote(String.valueOf(glob.charAt(i))));
            }
        }
        return Pattern.compile(re.toString());
    }

    @Provide
    Arbitrary<String> globs() {
        return Arbitraries.of("a", "b", "ab", "/", "*", "**", "-")
                .list().ofMinSize(1).ofMaxSize(6)
                .map(parts -> String.join("", parts))
                .filter(g -> !g.contains("***"));
    }

    @Provide
    Arbitrary<String> repositories() {
        return Arbitraries.of("a", "b", "ab", "ba", "a-b", "")
                .list().ofMinSize(1).ofMaxSize(4)
                .map(segments -> String.join("/", segments))
                .filter(name -> !name.isEmpty());
    }

    @Provide
    Arbitrary<String> subjects() {
        return Arbitraries.of(SUBJECTS);
    }

    @Provide
    Arbitrary<Scope> scopes() {
        Arbitrary<Scope> repository = Combinators.combine(repositories(), actions().filter(a -> !a.isEmpty()))
                .as((name, actions) -> new Scope("repository", name, Set.copyOf(actions)));
        return Arbitraries.frequencyOf(
                Tuple.of(9, repository),
                Tuple.of(1, Arbitraries.just(Scope.CATALOG)));
    }

    @Provide
    Arbitrary<Model> policies() {
        // Admins decide everything, so most policies have none.
        Arbitrary<List<String>> admins = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(List.<String>of())),
                Tuple.of(1, Arbitraries.of(USERS).list().ofMinSize(1).ofMaxSize(2)));
        Arbitrary<AccessPolicy.Rule> rule = Combinators.combine(
                globs().list().ofMinSize(1).ofMaxSize(2),
                Arbitraries.of(USERS).list().ofMinSize(1).ofMaxSize(3),
                actions()).as(AccessPolicy.Rule::new);
        return Combinators.combine(admins, actions(), rule.list().ofMaxSize(5)).as(Model::new);
    }

    private static Arbitrary<List<String>> actions() {
        return Arbitraries.of(AccessPolicy.ACTIONS).list().ofMaxSize(3);
    }
}
