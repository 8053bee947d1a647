package dev.berth.events.send;

import dev.berth.model.InvalidArgumentException;
import dev.berth.events.EventFilter;
import dev.berth.events.EventJsonCodec;
import dev.berth.events.EventParser;
import dev.berth.events.RegistryEvent;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to one endpoint in distribution's format, in order, each
 * once it is answered 2xx. Built as stages: filter → bounded queue → retry
 * with a breaker → HTTP. While the endpoint fails, delivery is retried at
 * once up to {@code threshold} consecutive failures, then every
 * {@code backoff}; the queue is bounded, so an endpoint that stays down costs
 * a known amount of memory and new events are dropped (and counted) beyond it.
 *
 * <pre>{@code
 * try (EventSender sender = new EventSender(EndpointConfig.of("audit", URI.create("http://127.0.0.1:9000/events")))) {
 *     sender.send(event);
 * } // close() flushes for up to five seconds
 * }</pre>
 */
public final class EventSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventSender.class);
    private static final Duration DEFAULT_FLUSH = Duration.ofSeconds(5);

    /** What became of an event handed to {@link #send}. */
    public enum Outcome {
        /** Queued for delivery. */
        QUEUED,
        /** Not sent: the endpoint ignores its action or media type. */
        FILTERED,
        /** Not sent: the queue is full or the sender is closed. */
        DROPPED
    }

    private final EndpointConfig config;
    private final HttpClient http;
    private final EventFilter filter;
    private final BlockingQueue<RegistryEvent> queue;
    private final Thread worker;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong filtered = new AtomicLong();
    private final AtomicLong pending = new AtomicLong(); // queued plus the one being delivered
    private final Object admission = new Object();
    private volatile boolean closing;
    private volatile long deadlineNanos = Long.MAX_VALUE;
    private int consecutiveFailures;

    /**
     * @param config the endpoint; a new HTTP client is made for it
     * @throws InvalidArgumentException if {@code config} is null
     */
    public EventSender(EndpointConfig config) {
        this(config, HttpClient.newBuilder()
                .connectTimeout(InvalidArgumentException.requireNonNull(config, "config").timeout()).build());
    }

    /**
     * @param config the endpoint
     * @param http   the client to send with (shared clients are fine)
     * @throws InvalidArgumentException if an argument is null
     */
    public EventSender(EndpointConfig config, HttpClient http) {
        this.config = InvalidArgumentException.requireNonNull(config, "config");
        this.http = InvalidArgumentException.requireNonNull(http, "http");
        this.filter = EventFilter.all().ignoringActions(config.ignoredActions()).ignoringMediaTypes(config.ignoredMediaTypes());
        this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
        this.worker = new Thread(this::deliverLoop, "berth-event-sender-" + config.name());
        this.worker.setDaemon(true);
        this.worker.start();
    }

    /**
     * Hands an event over for delivery; never blocks.
     *
     * @param event the event
     * @return whether it was queued, filtered or dropped
     * @throws InvalidArgumentException if {@code event} is null
     */
    public Outcome send(RegistryEvent event) {
        InvalidArgumentException.requireNonNull(event, "event");
        if (!filter.test(event)) {
            filtered.incrementAndGet();
            return Outcome.FILTERED;
        }
        synchronized (admission) { // no event slips in after close() has begun
            pending.incrementAndGet();
            if (!closing && queue.offer(event)) {
                return Outcome.QUEUED;
            }
            pending.decrementAndGet();
        }
        dropped.incrementAndGet();
        LOG.warn("endpoint {}: dropped event {} ({})", config.name(), event.id(), closing ? "closed" : "queue full");
        return Outcome.DROPPED;
    }

    /** @return the current counters */
    public SenderMetrics metrics() {
        return new SenderMetrics(pending.get(), sent.get(), failed.get(), dropped.get(), filtered.get());
    }

    /**
     * Waits until everything queued so far is delivered.
     *
     * @param bound the longest wait
     * @return whether the queue emptied in time
     * @throws InvalidArgumentException if {@code bound} is null
     */
    public boolean flush(Duration bound) {
        InvalidArgumentException.requireNonNull(bound, "bound");
        long end = System.nanoTime() + bound.toNanos();
        while (metrics().pending() > 0) {
            if (System.nanoTime() > end) {
                return false;
            }
            sleep(10);
        }
        return true;
    }

    private void deliverLoop() {
        while (!closing || (!queue.isEmpty() && System.nanoTime() < deadlineNanos)) {
            RegistryEvent event;
            try {
                event = queue.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                break;
            }
            if (event == null) {
                continue;
            }
            boolean delivered = deliver(event);
            pending.decrementAndGet();
            if (!delivered) {
                dropped.incrementAndGet();
                break;
            }
        }
        int left = queue.size();
        queue.clear();
        pending.addAndGet(-left);
        dropped.addAndGet(left);
        if (left > 0) {
            LOG.warn("endpoint {}: {} undelivered events dropped at shutdown", config.name(), left);
        }
    }

    /** Retries one event until it is delivered; false if the sender closed first. */
    private boolean deliver(RegistryEvent event) {
        byte[] body = EventJsonCodec.toEnvelope(List.of(event));
        while (true) {
            if (closing && System.nanoTime() >= deadlineNanos) {
                return false;
            }
            if (attempt(body)) {
                sent.incrementAndGet();
                consecutiveFailures = 0;
                return true;
            }
            failed.incrementAndGet();
            consecutiveFailures++;
            if (consecutiveFailures >= config.threshold()) {
                // Breaker open: give the endpoint time before the next attempt.
                if (!sleepUntilRetry(config.backoff())) {
                    return false;
                }
            }
        }
    }

    private boolean attempt(byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(config.url()).timeout(config.timeout())
                .header("Content-Type", EventParser.DISTRIBUTION_V1)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> h : config.headers().entrySet()) {
            h.getValue().forEach(v -> request.header(h.getKey(), v));
        }
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                return true;
            }
            LOG.debug("endpoint {}: HTTP {}", config.name(), response.statusCode());
        } catch (IOException e) {
            LOG.debug("endpoint {}: {}", config.name(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private boolean sleepUntilRetry(Duration backoff) {
        long end = System.nanoTime() + backoff.toNanos();
        while (System.nanoTime() < end) {
            if (closing && System.nanoTime() >= deadlineNanos) {
                return false;
            }
            if (!sleep(Math.min(50, Math.max(1, (end - System.nanoTime()) / 1_000_000)))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops accepting events and delivers what is queued for up to five seconds. */
    @Override
    public void close() {
        close(DEFAULT_FLUSH);
    }

    /**
     * Stops accepting events, delivers what is queued within {@code bound},
     * and drops (and counts) the rest.
     *
     * @param bound the longest time to keep delivering
     */
    public void close(Duration bound) {
        synchronized (admission) {
            deadlineNanos = System.nanoTime() + bound.toNanos();
            closing = true;
        }
        try {
            worker.join(bound.toMillis() + config.timeout().toMillis() + 1000);
            if (worker.isAlive()) {
                worker.interrupt();
                worker.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
