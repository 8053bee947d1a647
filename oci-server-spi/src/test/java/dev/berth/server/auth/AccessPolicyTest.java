package dev.berth.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.auth.Scope;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {
    // The access key of berth serve --config, as documented.
    private final AccessPolicy documented = AccessPolicy.builder()
            .admins("alice")
            .anonymous("pull")
            .rule(List.of("team/**"), List.of("bob", "carol"), List.of("pull", "push"))
            .rule(List.of("**"), List.of("*"), List.of("pull"))
            .build();

    @Test
    void theDocumentedExampleGrantsWhatItsCommentsSay() {
        assertTrue(documented.allows("alice", Scope.delete("anything/at/all")));
        assertTrue(documented.allows("alice", Scope.CATALOG));
        assertTrue(documented.allows("", Scope.pull("team/app")));
        assertFalse(documented.allows("", Scope.push("team/app")));
        assertTrue(documented.allows("bob", Scope.push("team/app")));
        assertTrue(documented.allows("carol", Scope.push("team/a/b")));
        assertFalse(documented.allows("bob", Scope.push("other")));
        assertTrue(documented.allows("dave", Scope.pull("team/app")));
        assertFalse(documented.allows("dave", Scope.push("team/app")));
        assertFalse(documented.allows("bob", Scope.delete("team/app")));
    }

    @Test
    void everyoneLetInMayListTheCatalogAndSeesWhatTheyMayPull() {
        AccessPolicy policy = AccessPolicy.builder()
                .admins("alice")
                .rule(List.of("team/**"), List.of("bob"), List.of("push"))
                .build();
        assertTrue(policy.allows("bob", Scope.CATALOG));
        assertTrue(policy.lists("bob", "team/app"));
        assertFalse(policy.lists("bob", "other/app"));
        assertTrue(policy.lists("alice", "other/app"));
        assertFalse(policy.allows("", Scope.CATALOG), "no anonymous actions: anonymous requests are not let in");
        assertTrue(documented.allows("", Scope.CATALOG));
        assertTrue(documented.isAdmin("alice"));
        assertFalse(documented.isAdmin(""));
    }

    @Test
    void pushGrantsPullAndDeleteGrantsOnlyItself() {
        AccessPolicy policy = AccessPolicy.builder()
                .rule(List.of("drop/*"), List.of("ci"), List.of("push"))
                .rule(List.of("trash/*"), List.of("ci"), List.of("delete"))
                .build();
        assertEquals(Set.of("pull", "push"), policy.actions("ci", "drop/x"));
        assertTrue(policy.allows("ci", Scope.push("drop/x")));
        assertEquals(Set.of("delete"), policy.actions("ci", "trash/x"));
        assertFalse(policy.allows("ci", Scope.pull("trash/x")));
    }

    @Test
    void theFirstRuleNamingTheUserAndMatchingTheRepositoryDecides() {
        AccessPolicy policy = AccessPolicy.builder()
                .rule(List.of("secret/**"), List.of("*"), List.of())
                .rule(List.of("**"), List.of("*"), List.of("pull", "push"))
                .build();
        assertEquals(Set.of(), policy.actions("bob", "secret/x"));
        assertEquals(Set.of("pull", "push"), policy.actions("bob", "public/x"));
    }

    @Test
    void aRuleThatDoesNotNameTheUserIsSkipped() {
        AccessPolicy policy = AccessPolicy.builder()
                .rule(List.of("team/**"), List.of("bob"), List.of("push"))
                .rule(List.of("**"), List.of("*"), List.of("pull"))
                .build();
        assertEquals(Set.of("pull"), policy.actions("carol", "team/app"));
    }

    @Test
    void anonymousActionsHoldForSignedInUsersToo() {
        AccessPolicy policy = AccessPolicy.builder()
                .anonymous("pull")
                .rule(List.of("**"), List.of("bob"), List.of("delete"))
                .build();
        assertEquals(Set.of("delete", "pull"), policy.actions("bob", "x"));
        assertEquals(Set.of("pull"), policy.actions("carol", "x"));
        assertTrue(policy.admitsAnonymous());
    }

    @Test
    void theAnyUserWildcardNeverNamesAnAnonymousRequest() {
        AccessPolicy policy = AccessPolicy.builder().admins("*").rule(List.of("**"), List.of("*"), List.of("pull")).build();
        assertEquals(Set.of(), policy.actions("", "x"));
        assertFalse(policy.allows("", Scope.pull("x")));
        assertFalse(policy.admitsAnonymous());
    }

    @Test
    void withoutAPolicyEverySignedInUserMayDoEverything() {
        AccessPolicy policy = AccessPolicy.everyAuthenticatedUser();
        assertTrue(policy.allows("anyone", Scope.delete("x/y")));
        assertTrue(policy.allows("anyone", Scope.CATALOG));
        assertFalse(policy.allows("", Scope.pull("x")));
    }

    @Test
    void aSingleStarStaysInOneSegmentAndTwoCrossSlashes() {
        AccessPolicy policy = AccessPolicy.builder()
                .rule(List.of("team/*"), List.of("bob"), List.of("pull"))
                .rule(List.of("lib/**"), List.of("bob"), List.of("push"))
                .build();
        assertTrue(policy.allows("bob", Scope.pull("team/app")));
        assertFalse(policy.allows("bob", Scope.pull("team/app/sub")));
        assertFalse(policy.allows("bob", Scope.pull("team")));
        assertTrue(policy.allows("bob", Scope.push("lib/a/b/c")));
        assertFalse(policy.allows("bob", Scope.pull("lib")));
    }

    @Test
    void resourcesOtherThanRepositoriesAreAnAdminsOnly() {
        Scope plugin = new Scope("repository(plugin)", "team/app", Set.of("pull"));
        assertFalse(documented.allows("bob", plugin));
        assertTrue(documented.allows("alice", plugin));
    }

    @Test
    void theTokenAuthorizerGrantsThePartOfTheRequestThatIsAllowed() {
        Authorizer authorizer = documented.authorizer();
        assertEquals(Set.of("pull"), authorizer.grant("dave", Scope.push("team/app")));
        assertEquals(Set.of("pull", "push"), authorizer.grant("bob", Scope.push("team/app")));
        assertEquals(Set.of("*"), authorizer.grant("bob", Scope.CATALOG));
        assertEquals(Set.of(), authorizer.grant("bob", new Scope("registry", "other", Set.of("*"))));
        assertEquals(Set.of("*"), authorizer.grant("alice", Scope.CATALOG));
    }

    @Test
    void anUnknownActionIsRefusedByName() {
        AccessPolicyException e = assertThrows(AccessPolicyException.class,
                () -> new AccessPolicy.Rule(List.of("**"), List.of("bob"), List.of("read")));
        assertTrue(e.getMessage().contains("\"read\""), e.getMessage());
        AccessPolicyException anonymous = assertThrows(AccessPolicyException.class,
                () -> AccessPolicy.builder().anonymous("*").build());
        assertTrue(anonymous.getMessage().contains("anonymous") && anonymous.getMessage().contains("\"*\""),
                anonymous.getMessage());
    }

    @Test
    void aGlobWithACharacterNoRepositoryHasIsRefusedByName() {
        AccessPolicyException e = assertThrows(AccessPolicyException.class,
                () -> new AccessPolicy.Rule(List.of("Team/**"), List.of("bob"), List.of("pull")));
        assertTrue(e.getMessage().contains("\"Team/**\"") && e.getMessage().contains("'T'"), e.getMessage());
        AccessPolicyException question = assertThrows(AccessPolicyException.class,
                () -> new AccessPolicy.Rule(List.of("team/?"), List.of("bob"), List.of("pull")));
        assertTrue(question.getMessage().contains("\"team/?\""), question.getMessage());
    }

    @Test
    void threeStarsInARowAreRefused() {
        AccessPolicyException e = assertThrows(AccessPolicyException.class,
                () -> new AccessPolicy.Rule(List.of("a/***"), List.of("bob"), List.of("pull")));
        assertTrue(e.getMessage().contains("\"a/***\""), e.getMessage());
    }

    @Test
    void emptyListsAndEmptyNamesAreRefused() {
        assertThrows(AccessPolicyException.class, () -> new AccessPolicy.Rule(List.of(), List.of("bob"), List.of("pull")));
        assertThrows(AccessPolicyException.class, () -> new AccessPolicy.Rule(List.of("**"), List.of(), List.of("pull")));
        assertThrows(AccessPolicyException.class, () -> new AccessPolicy.Rule(List.of(""), List.of("bob"), List.of("pull")));
        assertThrows(AccessPolicyException.class, () -> new AccessPolicy.Rule(List.of("**"), List.of(""), List.of("pull")));
        assertThrows(AccessPolicyException.class, () -> AccessPolicy.builder().admins("").build());
    }

    @Test
    void thePolicyKeepsItsPartsAsGiven() {
        assertEquals(Set.of("alice"), documented.admins());
        assertEquals(Set.of("pull"), documented.anonymous());
        assertEquals(List.of("team/**"), documented.rules().get(0).repositories());
        assertThrows(UnsupportedOperationException.class, () -> documented.rules().clear());
    }
}
