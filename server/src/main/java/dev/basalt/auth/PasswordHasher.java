package dev.basalt.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import dev.basalt.records.PasswordHashing;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * bcrypt, as PocketBase uses it ({@code $2a$}, cost 10 by default), so hashes imported from
 * PocketBase verify. Passwords longer than bcrypt's 72 bytes are truncated, as Go's bcrypt would
 * reject them; the password field caps length at 71 before it gets here.
 *
 * <p>Hashes and checks run on a few platform threads, one per core, in arrival order. A cost-10
 * hash is ~60 ms of CPU that never blocks, so on the request's virtual thread fifty sign-ups would
 * occupy every carrier thread at once and stall all other requests (a 30 s idle timeout cut some
 * of them); here they queue while the virtual threads serve the rest. A thread inside a write
 * transaction computes on its own instead: it holds SQLite's writer lock, which must not wait
 * behind a queue of sign-ups.
 */
public final class PasswordHasher implements PasswordHashing {

    public static final int DEFAULT_COST = 10;

    private static final ExecutorService WORKERS = Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(),
            Thread.ofPlatform().name("basalt-bcrypt-", 1).daemon(true).factory());

    private final BCrypt.Hasher hasher = BCrypt.with(BCrypt.Version.VERSION_2A, LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2A));
    private final BCrypt.Verifyer verifyer = BCrypt.verifyer(null, LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2A));
    private final BooleanSupplier holdsWriteLock;

    /** A hasher that always queues its work (tests, tools). */
    public PasswordHasher() {
        this(() -> false);
    }

    /** @param inTransaction whether the calling thread is inside a write transaction */
    public PasswordHasher(BooleanSupplier inTransaction) {
        this.holdsWriteLock = inTransaction;
    }

    @Override
    public String hash(String password, int cost) {
        return onWorker(() -> hasher.hashToString(Math.max(cost, DEFAULT_COST), password.toCharArray()));
    }

    /** Whether the password matches the hash; false for an empty or malformed hash. */
    @Override
    public boolean matches(String password, String hash) {
        if (hash == null || hash.isEmpty()) {
            return false;
        }
        return onWorker(() -> verifyer.verify(password.getBytes(StandardCharsets.UTF_8),
                hash.getBytes(StandardCharsets.UTF_8)).verified);
    }

    private <T> T onWorker(Supplier<T> work) {
        if (holdsWriteLock.getAsBoolean()) {
            return work.get();
        }
        Future<T> result = WORKERS.submit(work::get);
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing a password", e);
        }
    }
}
