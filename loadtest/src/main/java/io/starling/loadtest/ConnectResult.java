package io.starling.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of a connect run.
 *
 * @param connections   connections asked for ({@code --connections})
 * @param connected     connections that got a CONNACK accepting them
 * @param failed        connections that could not be made (TCP refused or timed out, CONNACK refused or missing)
 * @param dropped       connections that were up and then closed by the broker while held
 * @param openSeconds   from the first connect attempt to the last connection settled (connected or failed)
 * @param holdSeconds   how long all connections were held open and idle
 * @param rssBeforeKib  the broker's VmRSS before the first connection, -1 if not known
 * @param rssHeldKib    the broker's VmRSS at the end of the hold, -1 if not known
 */
record ConnectResult(
        int connections,
        int connected,
        int failed,
        int dropped,
        double openSeconds,
        double holdSeconds,
        long rssBeforeKib,
        long rssHeldKib,
        String sources,
        String mqtt,
        String firstError) implements RunOutcome {

    /** Connections made per second while opening them. */
    double connectRate() {
        return openSeconds > 0 ? connected / openSeconds : 0;
    }

    /** How much the broker's resident memory grew per held connection, in KiB; -1 if unknown. */
    double rssPerConnectionKib() {
        if (rssBeforeKib < 0 || rssHeldKib < 0 || connected == 0) {
            return -1;
        }
        return (rssHeldKib - rssBeforeKib) / (double) connected;
    }

    @Override
    public String summaryLine() {
        return String.format(Locale.ROOT,
                "RESULT scenario=connect connections=%d connected=%d failed=%d dropped=%d connect_rate=%.0f"
                        + " open_s=%.2f hold_s=%.1f rss_before_kib=%d rss_held_kib=%d rss_per_conn_kib=%.2f"
                        + " sent=0 received=0 lost=0 duplicated=0 errors=%d mqtt=%s sources=%s",
                connections, connected, failed, dropped, connectRate(), openSeconds, holdSeconds,
                rssBeforeKib, rssHeldKib, rssPerConnectionKib(), failed + dropped, mqtt, sources);
    }

    @Override
    public List<String> humanLines() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "connected %d of %d in %.2f s: %.0f connects/s; %d failed",
                connected, connections, openSeconds, connectRate(), failed));
        lines.add(String.format(Locale.ROOT, "held them %.1f s; %d dropped by the broker meanwhile", holdSeconds, dropped));
        if (rssPerConnectionKib() >= 0) {
            lines.add(String.format(Locale.ROOT, "broker RSS %d KiB before, %d KiB holding: %.2f KiB per connection",
                    rssBeforeKib, rssHeldKib, rssPerConnectionKib()));
        }
        if (firstError != null) {
            lines.add("first error: " + firstError);
        }
        return lines;
    }

    @Override
    public String failure() {
        if (failed + dropped > 0) {
            return (failed + dropped) + " of " + connections + " connections failed or dropped; first: " + firstError;
        }
        if (connected < connections) {
            return "only " + connected + " of " + connections + " connections were made in time";
        }
        return null;
    }
}
