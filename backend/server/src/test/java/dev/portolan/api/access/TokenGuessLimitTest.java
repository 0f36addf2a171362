package dev.portolan.api.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The allowance per address, on a clock the test moves. */
class TokenGuessLimitTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final TokenGuessLimit limit = new TokenGuessLimit(now::get);

    @Test
    void anAddressMayOfferTenUnknownTokensThenWaitsForTheAllowanceToRefill() throws Exception {
        InetSocketAddress guesser = address("192.0.2.1");
        for (int i = 0; i < TokenGuessLimit.BURST; i++) {
            assertFalse(limit.retryAfterSeconds(guesser).isPresent(), "attempt " + i + " is allowed");
            limit.failed(guesser);
        }
        long wait = limit.retryAfterSeconds(guesser).orElseThrow();
        assertTrue(wait >= 1 && wait <= TokenGuessLimit.REFILL.toSeconds() + 1, "Retry-After " + wait);
        assertFalse(limit.retryAfterSeconds(address("192.0.2.2")).isPresent(), "another address is not slowed");

        now.addAndGet(TokenGuessLimit.REFILL.toNanos());
        assertFalse(limit.retryAfterSeconds(guesser).isPresent(), "one more try after one refill period");
        limit.failed(guesser);
        assertTrue(limit.retryAfterSeconds(guesser).isPresent(), "and only one");
    }

    @Test
    void theAllowanceNeverGrowsBeyondTheBurst() throws Exception {
        InetSocketAddress client = address("192.0.2.3");
        limit.failed(client);
        now.addAndGet(TokenGuessLimit.REFILL.toNanos() * 1_000);
        for (int i = 0; i < TokenGuessLimit.BURST; i++) {
            limit.failed(client);
        }
        assertTrue(limit.retryAfterSeconds(client).isPresent(), "a long quiet time does not bank more guesses");
    }

    @Test
    void manyAddressesCostBoundedMemory() throws Exception {
        for (int i = 0; i < TokenGuessLimit.MAX_ADDRESSES + 500; i++) {
            byte[] ip = {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i};
            limit.failed(new InetSocketAddress(InetAddress.getByAddress(ip), 1));
        }
        assertEquals(TokenGuessLimit.MAX_ADDRESSES, limit.remembered());
    }

    private static InetSocketAddress address(String ip) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(ip), 40_000);
    }
}
