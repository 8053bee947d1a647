package dev.berth.examples.ui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.client.TransferProgress;
import dev.berth.client.copy.CopyOptions;
import dev.berth.client.copy.ImageCopier;
import dev.berth.client.copy.ImageLocation;
import dev.berth.client.layout.OciLayout;
import dev.berth.client.registries.RegistrySet;
import dev.berth.model.Reference;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST /api/v1/images/pull}: copies an image (every platform, with its
 * referrers) into another configured registry ({@code NAME/REPO[:TAG]}) or an
 * OCI layout on disk ({@code oci:PATH[:TAG]}), in the background, two at a
 * time; {@code GET /api/v1/images/pull/{id}} reports the progress the copier
 * reports.
 */
final class PullJobs implements AutoCloseable {
    private final RegistrySet registries;
    private final AuditLog audit;
    private final java.util.function.BiConsumer<String, String> onCopied; // (registry, repository) changed
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "berth-ui-pull");
        t.setDaemon(true);
        return t;
    });

    private static final class Job {
        final String id;
        final String target;
        volatile String state = "running";
        volatile long bytesDone;
        volatile long bytesTotal;
        volatile String message;

        Job(String id, String target) {
            this.id = id;
            this.target = target;
        }

        synchronized ObjectNode json() {
            return UiJson.object().put("id", id).put("state", state).put("bytesDone", bytesDone)
                    .put("bytesTotal", bytesTotal).put("message", message).put("target", target);
        }
    }

    PullJobs(RegistrySet registries, AuditLog audit, java.util.function.BiConsumer<String, String> onCopied) {
        this.registries = registries;
        this.audit = audit;
        this.onCopied = onCopied;
    }

    void start(ApiRequest request) throws IOException {
        ObjectNode body = request.jsonBody();
        String registry = UiJson.requiredText(body, "registry");
        String repository = UiJson.requiredText(body, "repository");
        String tag = UiJson.text(body, "tag").filter(t -> !t.isBlank()).orElse("latest");
        String to = UiJson.requiredText(body, "to");
        if (registries.get(registry).isEmpty()) {
            throw ApiException.notFound("no registry named \"" + registry + "\"");
        }
        try {
            Reference.requireValidRepository(repository);
            Reference.requireValidTag(tag);
        } catch (RuntimeException e) {
            throw ApiException.badRequest("field \"" + (e.getMessage().contains("tag") ? "tag" : "repository") + "\": "
                    + e.getMessage());
        }
        ImageLocation source = ImageLocation.registry(registries.client(registry), repository, tag);
        ImageLocation destination = destination(to, tag);
        Job job = new Job(UUID.randomUUID().toString(), to);
        jobs.put(job.id, job);
        audit.record(request.user(), "image.pull", registry + "/" + repository + ":" + tag, "to " + to);
        ImageCopier copier = new ImageCopier(CopyOptions.builder().referrers(true).progress(p -> progress(job, p)).build());
        pool.execute(() -> {
            try {
                copier.copy(source, destination);
                if (destination instanceof ImageLocation.Registry r) {
                    onCopied.accept(to.substring(0, to.indexOf('/')), r.repository());
                }
                synchronized (job) {
                    job.bytesDone = job.bytesTotal;
                    job.state = "done";
                    job.message = "copied " + registry + "/" + repository + ":" + tag + " to " + to;
                }
            } catch (RuntimeException e) {
                synchronized (job) {
                    job.state = "failed";
                    job.message = e.getMessage();
                }
            }
        });
        request.json(202, UiJson.object().put("id", job.id));
    }

    private static void progress(Job job, TransferProgress p) {
        synchronized (job) {
            job.bytesTotal = p.totalBytes();
            job.bytesDone = p.doneBytes();
        }
    }

    // NAME/REPO[:TAG] in a configured registry, or oci:PATH[:TAG]; the source's tag when none is given.
    private ImageLocation destination(String to, String sourceTag) {
        if (to.startsWith("oci:")) {
            String rest = to.substring(4);
            int colon = rest.lastIndexOf(':');
            boolean hasTag = colon > rest.lastIndexOf('/') && colon >= 0;
            String dir = hasTag ? rest.substring(0, colon) : rest;
            if (dir.isEmpty()) {
                throw ApiException.badRequest("field \"to\": oci: needs a directory, as oci:PATH[:TAG]");
            }
            try {
                return ImageLocation.layout(OciLayout.create(Path.of(dir)), hasTag ? rest.substring(colon + 1) : sourceTag);
            } catch (InvalidPathException | dev.berth.model.OciException | java.io.UncheckedIOException e) {
                throw ApiException.badRequest("field \"to\": cannot use " + dir + " as an OCI layout: " + e.getMessage());
            }
        }
        int slash = to.indexOf('/');
        if (slash <= 0 || slash == to.length() - 1) {
            throw ApiException.badRequest("field \"to\" must be NAME/REPOSITORY[:TAG] (NAME a configured registry)"
                    + " or oci:PATH[:TAG], not \"" + to + "\"");
        }
        String name = to.substring(0, slash);
        String rest = to.substring(slash + 1);
        if (registries.get(name).isEmpty()) {
            throw ApiException.notFound("field \"to\": no registry named \"" + name + "\"");
        }
        int colon = rest.lastIndexOf(':');
        boolean hasTag = colon > rest.lastIndexOf('/') && colon >= 0;
        String repository = hasTag ? rest.substring(0, colon) : rest;
        String tag = hasTag ? rest.substring(colon + 1) : sourceTag;
        try {
            Reference.requireValidRepository(repository);
            Reference.requireValidTag(tag);
        } catch (RuntimeException e) {
            throw ApiException.badRequest("field \"to\": " + e.getMessage());
        }
        return ImageLocation.registry(registries.client(name), repository, tag);
    }

    void status(ApiRequest request, String id) throws IOException {
        Job job = jobs.get(id);
        if (job == null) {
            throw ApiException.notFound("no pull job " + id);
        }
        request.json(200, job.json());
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
