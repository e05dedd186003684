package io.starling.connect;

import java.net.InetAddress;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Slows down password guessing: after {@code limit} CONNECTs from one client address were
 * refused for their username or password within a minute, further CONNECTs from that address are
 * refused without being checked until the minute is over ({@code auth_failure_limit}). A
 * successful CONNECT does not reset the count: one known account must not let an address guess
 * the passwords of others.
 *
 * <p>Thread-safe: every listener's event loops share one. Memory is bounded: at most
 * {@link #MAX_ADDRESSES} addresses are remembered; beyond that, windows that are over are
 * forgotten first, then the limiter stops counting new addresses (and logs nothing per address,
 * so a flood of addresses cannot fill memory or the log).
 */
public final class AuthFailureLimiter {

    static final long WINDOW_MILLIS = 60_000;
    static final int MAX_ADDRESSES = 100_000;

    /** One address's failures in its current window. */
    private record Window(long startMillis, int failures) {
    }

    private final int limit;
    private final LongSupplier clock;
    private final Map<InetAddress, Window> windows = new ConcurrentHashMap<>();

    /** @param limit failures allowed per address and minute; 0 = no limit */
    public AuthFailureLimiter(int limit) {
        this(limit, System::currentTimeMillis);
    }

    AuthFailureLimiter(int limit, LongSupplier clock) {
        this.limit = limit;
        this.clock = clock;
    }

    /** Whether a CONNECT from {@code address} is to be refused unchecked now. */
    public boolean isBlocked(InetAddress address) {
        if (limit == 0 || address == null) {
            return false;
        }
        Window window = windows.get(address);
        return window != null && window.failures >= limit && !isOver(window, clock.getAsLong());
    }

    /**
     * A CONNECT from {@code address} was refused for its username or password. Returns true when
     * this failure reached the limit, so the block is logged once, not per CONNECT.
     */
    public boolean failed(InetAddress address) {
        if (limit == 0 || address == null) {
            return false;
        }
        long now = clock.getAsLong();
        if (windows.size() >= MAX_ADDRESSES && !windows.containsKey(address)) {
            forgetOverWindows(now);
            if (windows.size() >= MAX_ADDRESSES) {
                return false;
            }
        }
        Window counted = windows.compute(address, (a, window) -> window == null || isOver(window, now)
                ? new Window(now, 1) : new Window(window.startMillis, window.failures + 1));
        return counted.failures == limit;
    }

    private void forgetOverWindows(long now) {
        for (Iterator<Window> it = windows.values().iterator(); it.hasNext(); ) {
            if (isOver(it.next(), now)) {
                it.remove();
            }
        }
    }

    private static boolean isOver(Window window, long now) {
        return now - window.startMillis >= WINDOW_MILLIS;
    }
}
