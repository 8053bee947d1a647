package dev.berth.examples.ui;

import java.io.IOException;
import java.util.List;

/**
 * Which handler answers which method and path. Repository names contain
 * slashes: under {@code /repositories/} the path is split at its last
 * {@code tags} segment (or a final {@code events}).
 */
final class ApiRoutes {
    private final SessionApi session;
    private final RegistriesApi registries;
    private final BrowseApi browse;
    private final EventsApi events;
    private final SearchApi search;
    private final PullJobs pulls;
    private final AuditApi audit;

    ApiRoutes(SessionApi session, RegistriesApi registries, BrowseApi browse, EventsApi events, SearchApi search,
              PullJobs pulls, AuditApi audit) {
        this.session = session;
        this.registries = registries;
        this.browse = browse;
        this.events = events;
        this.search = search;
        this.pulls = pulls;
        this.audit = audit;
    }

    /** True for the webhook routes: registries post there without a session or an Origin. */
    static boolean isWebhook(List<String> s) {
        return s.equals(List.of("api", "v1", "events")) || s.equals(List.of("plugins", "registry", "events"));
    }

    /** True for what changes nothing, though POSTed: logging in and out, searching. */
    static boolean needsNoAdmin(List<String> s) {
        return isWebhook(s) || s.equals(List.of("api", "v1", "login")) || s.equals(List.of("api", "v1", "logout"))
                || s.equals(List.of("api", "v1", "images", "search"));
    }

    void route(ApiRequest r) throws IOException {
        List<String> s = r.segments();
        String m = r.method();
        if (isWebhook(s)) {
            if (!m.equals("OPTIONS")) { // OPTIONS: the CloudEvents webhook handshake (Event Grid)
                only(m, "POST");
            }
            events.receive(r);
            return;
        }
        List<String> rest = s.subList(2, s.size()); // after api/v1
        if (rest.isEmpty()) {
            throw ApiException.notFound("no such API route: /" + String.join("/", s));
        }
        switch (rest.get(0)) {
            case "session":
                exact(rest, 1, s);
                only(m, "GET");
                session.session(r);
                return;
            case "login":
                exact(rest, 1, s);
                only(m, "POST");
                session.login(r);
                return;
            case "logout":
                exact(rest, 1, s);
                only(m, "POST");
                session.logout(r);
                return;
            case "audit":
                exact(rest, 1, s);
                only(m, "GET");
                audit.list(r);
                return;
            case "images":
                images(r, rest, s);
                return;
            case "registries":
                registries(r, rest, s);
                return;
            default:
                throw ApiException.notFound("no such API route: /" + String.join("/", s));
        }
    }

    private void images(ApiRequest r, List<String> rest, List<String> s) throws IOException {
        if (rest.size() == 2 && rest.get(1).equals("search")) {
            only(r.method(), "POST");
            search.search(r);
        } else if (rest.size() == 2 && rest.get(1).equals("pull")) {
            only(r.method(), "POST");
            pulls.start(r);
        } else if (rest.size() == 3 && rest.get(1).equals("pull")) {
            only(r.method(), "GET");
            pulls.status(r, rest.get(2));
        } else {
            throw ApiException.notFound("no such API route: /" + String.join("/", s));
        }
    }

    private void registries(ApiRequest r, List<String> rest, List<String> s) throws IOException {
        String m = r.method();
        if (rest.size() == 1) {
            if (m.equals("GET")) {
                registries.list(r);
            } else {
                only(m, "POST");
                registries.add(r);
            }
            return;
        }
        String name = rest.get(1);
        if (rest.size() == 2) {
            if (m.equals("PUT")) {
                registries.edit(r, name);
            } else {
                only(m, "DELETE");
                registries.remove(r, name);
            }
            return;
        }
        if (rest.size() == 3 && rest.get(2).equals("test")) {
            only(m, "POST");
            registries.test(r, name);
            return;
        }
        if (!rest.get(2).equals("repositories")) {
            throw ApiException.notFound("no such API route: /" + String.join("/", s));
        }
        List<String> tail = rest.subList(3, rest.size());
        if (tail.isEmpty()) {
            only(m, "GET");
            browse.repositories(r, name);
            return;
        }
        int last = tail.size() - 1;
        if (tail.size() >= 2 && tail.get(last).equals("tags")) {
            only(m, "GET");
            browse.tags(r, name, repository(tail.subList(0, last)));
        } else if (tail.size() >= 3 && tail.get(last - 1).equals("tags")) {
            String repository = repository(tail.subList(0, last - 1));
            if (m.equals("DELETE")) {
                browse.delete(r, name, repository, tail.get(last));
            } else {
                only(m, "GET");
                browse.detail(r, name, repository, tail.get(last));
            }
        } else if (tail.size() >= 2 && tail.get(last).equals("events")) {
            only(m, "GET");
            events.list(r, name, repository(tail.subList(0, last)));
        } else {
            throw ApiException.notFound("no such API route: /" + String.join("/", s)
                    + " (a repository's routes end in /tags, /tags/TAG or /events)");
        }
    }

    private static String repository(List<String> parts) {
        String repository = String.join("/", parts);
        try {
            dev.berth.model.Reference.requireValidRepository(repository);
        } catch (RuntimeException e) {
            throw ApiException.badRequest("repository \"" + repository + "\": " + e.getMessage());
        }
        return repository;
    }

    private static void exact(List<String> rest, int size, List<String> s) {
        if (rest.size() != size) {
            throw ApiException.notFound("no such API route: /" + String.join("/", s));
        }
    }

    private static void only(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw new ApiException(405, "BAD_REQUEST", "this route answers " + allowed + ", not " + method);
        }
    }
}
