package io.starling.connect;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AuthFailureLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final AuthFailureLimiter limiter = new AuthFailureLimiter(3, now::get);

    private static InetAddress address(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    @Test
    void addressIsBlockedOnceItReachesTheLimitWithinAMinute() throws Exception {
        InetAddress guesser = address("127.0.0.2");
        assertFalse(limiter.failed(guesser));
        assertFalse(limiter.failed(guesser));
        assertFalse(limiter.isBlocked(guesser));
        assertTrue(limiter.failed(guesser), "the failure reaching the limit is reported, for one log line");
        assertTrue(limiter.isBlocked(guesser));
        assertFalse(limiter.isBlocked(address("127.0.0.3")), "other addresses are not affected");
    }

    @Test
    void blockEndsWhenTheMinuteIsOver() throws Exception {
        InetAddress guesser = address("127.0.0.2");
        for (int i = 0; i < 3; i++) {
            limiter.failed(guesser);
        }
        now.addAndGet(AuthFailureLimiter.WINDOW_MILLIS - 1);
        assertTrue(limiter.isBlocked(guesser));
        now.addAndGet(1);
        assertFalse(limiter.isBlocked(guesser));
        assertFalse(limiter.failed(guesser), "a new minute counts from one again");
    }

    @Test
    void failuresSpreadOverMoreThanAMinuteDoNotBlock() throws Exception {
        InetAddress client = address("127.0.0.2");
        limiter.failed(client);
        limiter.failed(client);
        now.addAndGet(AuthFailureLimiter.WINDOW_MILLIS);
        limiter.failed(client);
        assertFalse(limiter.isBlocked(client));
    }

    @Test
    void zeroLimitNeverBlocks() throws Exception {
        AuthFailureLimiter off = new AuthFailureLimiter(0, now::get);
        InetAddress client = address("127.0.0.2");
        for (int i = 0; i < 100; i++) {
            off.failed(client);
        }
        assertFalse(off.isBlocked(client));
    }
}
