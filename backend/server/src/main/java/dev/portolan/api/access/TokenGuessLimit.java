package dev.portolan.api.access;

import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * Slows down token guessing: each client address may offer {@link #BURST} unknown tokens (bearer or sign-in form)
 * at once, then one more every {@link #REFILL}; beyond that every token it offers, right or wrong, is refused with
 * 429 until its allowance refills, so a guesser learns nothing from trying. One bucket per address, at most
 * {@link #MAX_ADDRESSES} remembered (the least recently seen forgotten first), so that spoofed or many addresses cost
 * bounded memory. Clients behind one NAT or proxy share a bucket: a guesser there also slows the others down.
 */
@Singleton
public final class TokenGuessLimit {
    static final int BURST = 10;
    static final Duration REFILL = Duration.ofSeconds(6);
    static final int MAX_ADDRESSES = 10_000;

    private final LongSupplier nanoClock;
    private final long refillNanos;
    private final Map<InetAddress, Bucket> buckets = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, Bucket> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    /** Unknown tokens the address may still offer, as of {@code at} (nanoTime). */
    private static final class Bucket {
        double left;
        long at;
    }

    public TokenGuessLimit() {
        this(System::nanoTime);
    }

    TokenGuessLimit(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.refillNanos = REFILL.toNanos();
    }

    /** How long the address must wait before offering a token again; empty when it may now. */
    public OptionalLong retryAfterSeconds(InetSocketAddress client) {
        InetAddress address = addressOf(client);
        if (address == null) {
            return OptionalLong.empty();
        }
        synchronized (buckets) {
            Bucket bucket = buckets.get(address);
            if (bucket == null) {
                return OptionalLong.empty();
            }
            refill(bucket);
            if (bucket.left >= 1) {
                return OptionalLong.empty();
            }
            long untilOne = (long) Math.ceil((1 - bucket.left) * refillNanos);
            return OptionalLong.of(Math.max(1, Duration.ofNanos(untilOne).toSeconds() + 1));
        }
    }

    /** Counts an unknown token offered by the address. */
    public void failed(InetSocketAddress client) {
        InetAddress address = addressOf(client);
        if (address == null) {
            return;
        }
        synchronized (buckets) {
            Bucket bucket = buckets.get(address);
            if (bucket == null) {
                bucket = new Bucket();
                bucket.left = BURST;
                bucket.at = nanoClock.getAsLong();
                buckets.put(address, bucket);
            }
            refill(bucket);
            bucket.left = Math.max(0, bucket.left - 1);
        }
    }

    /** How many addresses are remembered (tests). */
    int remembered() {
        synchronized (buckets) {
            return buckets.size();
        }
    }

    private void refill(Bucket bucket) {
        long now = nanoClock.getAsLong();
        bucket.left = Math.min(BURST, bucket.left + (double) (now - bucket.at) / refillNanos);
        bucket.at = now;
    }

    private static InetAddress addressOf(InetSocketAddress client) {
        return client == null ? null : client.getAddress();
    }
}
