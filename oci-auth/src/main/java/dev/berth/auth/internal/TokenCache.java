package dev.berth.auth.internal;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Tokens by (realm, service, scopes). Concurrent callers wanting the same key
 * share one fetch; a token is fetched again when it is no longer fresh.
 */
public final class TokenCache {
    /**
     * @param realm   the token endpoint
     * @param service the service parameter
     * @param scopes  the scopes, sorted and joined with spaces
     * @param account the user the token was asked for, so users never share tokens
     */
    public record Key(String realm, String service, String scopes, String account) {
    }

    private final ConcurrentHashMap<Key, CompletableFuture<Token>> tokens = new ConcurrentHashMap<>();
    private final Clock clock;

    /** @param clock the time tokens expire against */
    public TokenCache(Clock clock) {
        this.clock = clock;
    }

    /** @return a fresh token for the key, fetching it (once, whoever else is waiting) if needed */
    public Token get(Key key, Supplier<Token> fetch) {
        while (true) {
            CompletableFuture<Token> existing = tokens.get(key);
            if (existing != null) {
                Token t = join(key, existing);
                if (t != null && t.isFresh(clock.instant())) {
                    return t;
                }
                tokens.remove(key, existing);
                continue;
            }
            CompletableFuture<Token> mine = new CompletableFuture<>();
            if (tokens.putIfAbsent(key, mine) != null) {
                continue;
            }
            try {
                Token t = fetch.get();
                mine.complete(t);
                return t;
            } catch (RuntimeException e) {
                tokens.remove(key, mine);
                mine.completeExceptionally(e);
                throw e;
            }
        }
    }

    /** @return the cached token if one is there and fresh */
    public Optional<Token> peek(Key key) {
        CompletableFuture<Token> f = tokens.get(key);
        if (f == null || !f.isDone() || f.isCompletedExceptionally()) {
            return Optional.empty();
        }
        Token t = f.join();
        return t.isFresh(clock.instant()) ? Optional.of(t) : Optional.empty();
    }

    /** Forgets a key's token, so the next {@link #get} fetches a new one. */
    public void invalidate(Key key) {
        tokens.remove(key);
    }

    // A fetch another thread started: wait for it; its failure is rethrown to every waiter.
    private Token join(Key key, CompletableFuture<Token> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (f.isDone() && !f.isCancelled() && e.getCause() instanceof RuntimeException) {
                if (!tokens.containsKey(key) || tokens.get(key) != f) {
                    throw (RuntimeException) e.getCause();
                }
            }
            return null;
        }
    }
}
