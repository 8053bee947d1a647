package dev.berth.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.client.RegistryClient;
import dev.berth.client.tags.TagOrder;
import dev.berth.testsupport.DistributionRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry browser's REST API ({@code berth ui}) over a large distribution 2.8: 5,000 one-tag repositories and one
 * repository of 2,000 semver tags, each with its own {@code created} date. Times the three views KubeDash's PRD sets
 * targets for (NFR-PERF-01..03): the repository list's first page, the tag list sorted by date, a tag's detail; each
 * on its first load in a fresh {@code berth ui} process (nothing cached, the JVM cold, as right after a user starts
 * it), again with {@code ?refresh=true} in the warm process (the registry's work redone, the JVM warm), and on a
 * second load (served from the UI's cache, FR-IMG-05). Then the same listings straight against distribution with
 * curl and skopeo, for what the registry itself costs.
 *
 * <p>Usage: {@code bench/ui [--repositories N] [--tags N] [--rounds N] [--heap SIZE] [--fill-threads N] [--disk]}
 * (defaults 5000, 2000, 5, 64m, 16; the registry's storage in memory-backed {@code /dev/shm} unless {@code --disk}).
 */
public final class UiBenchmark {
    private static final String REGISTRY = "dist";
    private static final int PAGE = 50;
    // As many at once as berth ui's tag lister fetches (BrowseApi.DETAIL_CONCURRENCY).
    private static final int CURL_PARALLEL = 16;

    private UiBenchmark() {
    }

    /** The command line, with its defaults. */
    record Options(int repositories, int tags, int rounds, String heap, int fillThreads, boolean disk) {
        private static final Map<String, String> DEFAULTS = Map.of("--repositories", "5000", "--tags", "2000", "--rounds", "5",
                "--heap", "64m", "--fill-threads", "16");

        static Options parse(String[] args) {
            List<String> rest = new ArrayList<>(List.of(args));
            boolean disk = rest.remove("--disk");
            Map<String, String> given = new LinkedHashMap<>(DEFAULTS);
            for (int i = 0; i + 1 < rest.size(); i += 2) {
                given.put(rest.get(i), rest.get(i + 1));
            }
            if (rest.size() % 2 != 0 || !DEFAULTS.keySet().containsAll(given.keySet())) {
                throw new IllegalArgumentException("usage: bench/ui [--repositories N] [--tags N] [--rounds N] [--heap SIZE]"
                        + " [--fill-threads N] [--disk]");
            }
            return new Options(Integer.parseInt(given.get("--repositories")), Integer.parseInt(given.get("--tags")),
                    Integer.parseInt(given.get("--rounds")), given.get("--heap"), Integer.parseInt(given.get("--fill-threads")),
                    disk);
        }
    }

    /**
     * One view of the page and its PRD target.
     *
     * @param name     for the table
     * @param prd      the requirement
     * @param targetMs its target
     * @param path     the API call the page makes for it
     * @param check    what a right answer holds
     */
    record View(String name, String prd, double targetMs, String path, Check check) {
        String refreshed() {
            return path + (path.contains("?") ? "&" : "?") + "refresh=true";
        }
    }

    /** Fails when an answer is not the one the filled registry must give. */
    @FunctionalInterface
    interface Check {
        void check(JsonNode body) throws IOException;
    }

    /** The figures of one view, in milliseconds, one per round. */
    static final class Figures {
        final List<Double> first = new ArrayList<>();
        final List<Double> refreshed = new ArrayList<>();
        final List<Double> second = new ArrayList<>();
        final List<Double> uiCpu = new ArrayList<>();
        final List<Double> registryCpu = new ArrayList<>();
        int secondsCached;
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        Path root = Path.of(System.getProperty("berth.root", ".")).toAbsolutePath();
        // The registry's storage in memory-backed /dev/shm unless --disk: distribution fsyncs every link file it
        // writes, and on a shared virtual disk the fill's 25,000 small writes would take minutes and vary.
        Path work = RegistryBenchmark.workDirectory(o.disk(), 64);
        Map<View, Figures> figures = new LinkedHashMap<>();
        Map<String, List<double[]>> direct = new LinkedHashMap<>();
        List<Double> adds = new ArrayList<>();
        List<Double> rss = new ArrayList<>();
        UiFill.Filled filled;
        try (Teardown started = new Teardown()) {
            started.add(() -> ClientBenchmark.deleteTree(work)); // stopped last: every process is gone by then
            System.out.printf("berth ui's REST API over distribution 2.8 (filesystem storage in %s, loopback)%n%d cores;"
                            + " berth ui as a process (./berth ui) with -Xmx%s, two fresh ones and one restarted in each of %d rounds%n", work,
                    Runtime.getRuntime().availableProcessors(), o.heap(), o.rounds());
            DistributionRegistry registry = started.add(DistributionRegistry.builder(work.resolve("registry")).start());
            try (RegistryClient client = RegistryClient.builder(registry.baseUrl()).build()) {
                filled = UiFill.fill(client, o.repositories(), o.tags(), o.fillThreads());
            }
            System.out.printf("filled: %,d repositories, %,d tags in %s, in %.1f s (%d threads: blobs pushed once, then mounts"
                            + " and manifest PUTs)%n%n", filled.repositories().size(), filled.tags().size(), UiFill.TAGGED,
                    filled.took().toMillis() / 1e3, o.fillThreads());
            long registryPid = ProcessCpu.find("docker-registry", work.resolve("registry").toString()).orElse(-1L);
            List<List<View>> scenarios = scenarios(filled);
            scenarios.forEach(views -> views.forEach(v -> figures.put(v, new Figures())));
            // A third process in each round, over the first one's directory: berth ui restarted.
            View restarted = tagsByDate(filled, "berth ui restarted");
            figures.put(restarted, new Figures());
            UiProcess.warmUpLauncher(root, o.heap());
            for (int round = 0; round < o.rounds(); round++) {
                for (int scenario = 0; scenario < scenarios.size(); scenario++) {
                    List<View> views = scenarios.get(scenario);
                    try (UiProcess ui = started.add(UiProcess.start(root, o.heap(), work.resolve("ui-" + round + "-" + scenario)))) {
                        UiApi api = new UiApi(ui.uri());
                        adds.add(api.addRegistry(REGISTRY, registry.baseUrl()).millis());
                        // In the scenario's order, as a user clicks: each view's first load, then its second.
                        for (View v : views) {
                            Figures f = figures.get(v);
                            double uiBefore = ui.cpuSeconds();
                            double registryBefore = ProcessCpu.seconds(registryPid);
                            UiApi.Answer first = answer(api, v, v.path());
                            f.uiCpu.add(ui.cpuSeconds() - uiBefore);
                            f.registryCpu.add(ProcessCpu.seconds(registryPid) - registryBefore);
                            f.first.add(first.millis());
                            UiApi.Answer second = answer(api, v, v.path());
                            f.second.add(second.millis());
                            f.secondsCached += second.cached() ? 1 : 0;
                        }
                        for (View v : views) {
                            figures.get(v).refreshed.add(answer(api, v, v.refreshed()).millis());
                        }
                        rss.add(ui.peakRssMib());
                    }
                }
                try (UiProcess ui = started.add(UiProcess.start(root, o.heap(), work.resolve("ui-" + round + "-0")))) {
                    UiApi api = new UiApi(ui.uri());
                    Figures f = figures.get(restarted);
                    double uiBefore = ui.cpuSeconds();
                    double registryBefore = ProcessCpu.seconds(registryPid);
                    f.first.add(answer(api, restarted, restarted.path()).millis());
                    f.uiCpu.add(ui.cpuSeconds() - uiBefore);
                    f.registryCpu.add(ProcessCpu.seconds(registryPid) - registryBefore);
                    UiApi.Answer second = answer(api, restarted, restarted.path());
                    f.second.add(second.millis());
                    f.secondsCached += second.cached() ? 1 : 0;
                    f.refreshed.add(answer(api, restarted, restarted.refreshed()).millis());
                    rss.add(ui.peakRssMib());
                }
            }
            direct = measureDirect(registry, registryPid, filled, o.rounds(), work.resolve("direct"));
        }
        print(o, filled, figures, direct, adds, rss);
    }

    private static UiApi.Answer answer(UiApi api, View v, String path) throws Exception {
        UiApi.Answer a = api.get(path);
        v.check().check(a.body());
        return a;
    }

    /**
     * Two ways through the page, each in its own fresh process: straight to the tags by date (nothing of the repository
     * read before), and the way the page opens a repository (its tags by version), then the tags by date right after,
     * with a tag's detail opened from a link before anything else.
     */
    private static List<List<View>> scenarios(UiFill.Filled filled) {
        View repositories = repositories(filled);
        return List.of(
                List.of(repositories, tagsByDate(filled, "the repository's first view"),
                        tagsBySemver(filled, "after the date sort"), detail(filled, "after the tag lists")),
                List.of(detail(filled, "the repository's first view"), tagsBySemver(filled, "after the detail"),
                        tagsByDate(filled, "right after the semver page")));
    }

    private static View repositories(UiFill.Filled filled) {
        List<String> firstPage = filled.repositories().subList(0, Math.min(PAGE, filled.repositories().size()));
        return new View("repository list, page 1 of " + String.format("%,d", filled.repositories().size()), "NFR-PERF-01", 3000,
                "/api/v1/registries/" + REGISTRY + "/repositories?sort=asc&page=1&size=" + PAGE, body -> {
                    expect(body.path("total").asInt(), filled.repositories().size(), "repositories total", body);
                    expect(names(body.path("items")), firstPage, "repositories page 1", body);
                });
    }

    private static View tagsBySemver(UiFill.Filled filled, String when) {
        List<String> highestPage = filled.tags().stream().map(UiFill.Tag::name).sorted(TagOrder.bySemver(true)).limit(PAGE)
                .toList();
        return tags(filled, "semver", when, highestPage);
    }

    private static View tagsByDate(UiFill.Filled filled, String when) {
        List<String> newestPage = filled.newestFirst().stream().limit(PAGE).map(UiFill.Tag::name).toList();
        return tags(filled, "date", when, newestPage);
    }

    private static View tags(UiFill.Filled filled, String sort, String when, List<String> expected) {
        return new View("tags by " + sort + ", page 1 of " + String.format("%,d", filled.tags().size()) + ", " + when,
                "NFR-PERF-02", 2000, UiApi.repositoryPath(REGISTRY, UiFill.TAGGED) + "/tags?sort=" + sort
                + "&order=desc&page=1&size=" + PAGE, body -> {
                    expect(body.path("total").asInt(), filled.tags().size(), "tags total", body);
                    List<String> names = new ArrayList<>();
                    body.path("items").forEach(t -> names.add(t.path("name").asText()));
                    expect(names, expected, "tags by " + sort + ", descending", body);
                });
    }

    private static View detail(UiFill.Filled filled, String when) {
        UiFill.Tag newest = filled.newestFirst().get(0);
        return new View("tag detail " + newest.name() + ", " + when, "NFR-PERF-03", 2000,
                UiApi.repositoryPath(REGISTRY, UiFill.TAGGED) + "/tags/" + newest.name(), body -> {
                    expect(body.path("tag").asText(), newest.name(), "detail tag", body);
                    if (!body.toString().contains(newest.manifest().toString())) {
                        throw new IOException("the detail does not name the manifest " + newest.manifest() + ": " + body);
                    }
                });
    }

    private static List<String> names(JsonNode items) {
        List<String> names = new ArrayList<>();
        items.forEach(i -> names.add(i.asText()));
        return names;
    }

    private static void expect(Object got, Object want, String what, JsonNode body) throws IOException {
        if (!got.equals(want)) {
            String text = body.toString();
            throw new IOException(what + ": got " + got + ", want " + want + " in " + text.substring(0, Math.min(2000, text.length())));
        }
    }

    // Rounds alternate between the tools, so that a slow moment of the shared machine hits all of them.
    /** @return per line, {times in ms, the registry's CPU seconds meanwhile}, one of each per round */
    private static Map<String, List<double[]>> measureDirect(DistributionRegistry registry, long registryPid,
                                                             UiFill.Filled filled, int rounds, Path tmp) throws Exception {
        DistributionDirect d = new DistributionDirect(registry.baseUrl(), registry.hostPort(), tmp);
        UiFill.Tag detail = filled.newestFirst().get(0);
        Map<String, List<double[]>> times = new LinkedHashMap<>();
        String walk = "catalog walk, curl, n=1000 per page (" + String.format("%,d", filled.repositories().size()) + " names)";
        String listTags = "skopeo list-tags " + UiFill.TAGGED + " (" + String.format("%,d", filled.tags().size()) + " names)";
        String everyConfig = String.format("%,d manifests, then their configs, curl, %d in parallel", filled.tags().size(),
                CURL_PARALLEL);
        String inspect = "skopeo inspect --no-tags " + UiFill.TAGGED + ":" + detail.name();
        for (String line : List.of(walk, listTags, everyConfig, inspect)) {
            times.put(line, new ArrayList<>());
        }
        for (int round = 0; round < rounds; round++) {
            times.get(walk).add(timed(registryPid, () -> {
                int found = d.catalogWalk(1000);
                if (found != filled.repositories().size()) {
                    throw new IOException("the catalog walk found " + found + " repositories, not " + filled.repositories().size());
                }
            }));
            times.get(listTags).add(timed(registryPid, () -> d.skopeoListTags(UiFill.TAGGED)));
            times.get(everyConfig).add(timed(registryPid, () -> d.everyManifestAndConfig(UiFill.TAGGED, filled.tags(),
                    CURL_PARALLEL)));
            times.get(inspect).add(timed(registryPid, () -> d.skopeoInspect(UiFill.TAGGED, detail.name())));
        }
        return times;
    }

    private static double[] timed(long registryPid, ClientBenchmark.Work work) throws Exception {
        double before = ProcessCpu.seconds(registryPid);
        double millis = ClientBenchmark.millis(work);
        return new double[] {millis, ProcessCpu.seconds(registryPid) - before};
    }

    private static void print(Options o, UiFill.Filled filled, Map<View, Figures> figures, Map<String, List<double[]>> direct,
                              List<Double> adds, List<Double> rss) {
        System.out.printf("%-62s %-12s %7s %17s %17s %17s %9s %8s %5s %17s%n", "berth ui, over HTTP (ms)", "", "target",
                "first load", "refresh=true", "second load", "2nd/1st", "cached", "met", "CPU s, 1st load");
        System.out.printf("%-62s %-12s %7s %8s %8s %8s %8s %8s %8s %24s %8s %8s%n", "", "", "", "median", "max", "median", "max",
                "median", "max", "", "berth ui", "registry");
        for (Map.Entry<View, Figures> e : figures.entrySet()) {
            View v = e.getKey();
            Figures f = e.getValue();
            double first = median(f.first);
            double second = median(f.second);
            boolean met = max(f.first) < v.targetMs() && max(f.refreshed) < v.targetMs();
            System.out.printf("%-62s %-12s %7.0f %8.0f %8.0f %8.0f %8.0f %8.1f %8.1f %9.3f %5d/%-2d %5s %8.2f %8.2f%n", v.name(),
                    v.prd(), v.targetMs(), first, max(f.first), median(f.refreshed), max(f.refreshed), second, max(f.second),
                    second / first, f.secondsCached, f.second.size(), met ? "yes" : "NO", median(f.uiCpu), median(f.registryCpu));
        }
        System.out.printf("%n%-70s %8s %8s %14s%n", "distribution 2.8 directly, a fresh process each (ms)", "median", "max",
                "registry CPU s");
        for (Map.Entry<String, List<double[]>> e : direct.entrySet()) {
            List<Double> ms = e.getValue().stream().map(t -> t[0]).toList();
            List<Double> cpu = e.getValue().stream().map(t -> t[1]).toList();
            System.out.printf("%-70s %8.0f %8.0f %14.2f%n", e.getKey(), median(ms), max(ms), median(cpu));
        }
        System.out.printf("""

                        %d rounds of two fresh berth ui processes (./berth ui, -Xmx%s, class-data archive), each given the
                        registry by POST /api/v1/registries (median %.0f ms, its connection test included), then the views
                        in the order of the lines: the first process from the repositories straight to the tags by date,
                        the second from a link to a detail, then the tags by version and by date, as the page opens them;
                        then the first one's directory under a new process (berth ui restarted), straight to the tags by date.
                        First load: a view's first call in its process. refresh=true: the same call at the end, warm,
                        bypassing the UI's caches.
                        Second load: the same call right after the first; "cached" counts answers saying "cached": true.
                        met: every first and refresh=true load under the PRD target. CPU s: the median CPU seconds berth ui
                        and distribution used during a first load. Peak RSS of berth ui: %.0f MiB (max).
                        Answers are timed to their last byte over one keep-alive HTTP/1.1 connection, as the page reads them.
                        """, o.rounds(), o.heap(), median(adds), max(rss));
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
