package io.starling.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of one run. Counts cover the whole run (warm-up, measurement and drain); rates
 * and latencies cover the measurement window only.
 *
 * @param sent           messages published
 * @param expected       deliveries that should have happened (sent x subscribers, or sent for a shared subscription)
 * @param received       deliveries counted by subscribers, duplicates included
 * @param lost           messages a subscriber (or shared group) never received
 * @param duplicates     deliveries of a message already received
 * @param outOfOrder     first deliveries that came after a later message of the same publisher
 * @param sentRate       messages published per second in the window
 * @param recvRate       deliveries per second in the window (all subscribers together)
 * @param drainEnd       why the wait for in-transit messages ended; at {@link DrainEnd#TIME_LIMIT}
 *                       {@code lost} includes messages the broker was still delivering
 */
record RunResult(
        String scenario,
        int qos,
        String mqtt,
        int publishers,
        int subscribers,
        boolean shared,
        int payloadBytes,
        long sent,
        long expected,
        long received,
        long lost,
        long duplicates,
        long outOfOrder,
        long foreign,
        double sentRate,
        double recvRate,
        double measuredSeconds,
        double drainSeconds,
        DrainEnd drainEnd,
        long latencyP50Micros,
        long latencyP99Micros,
        long latencyP999Micros,
        long latencyMaxMicros,
        boolean cleanSession,
        int errors,
        String firstError) implements RunOutcome {

    /** The machine-readable last line: "RESULT key=value ...", rates in msg/s, latencies in µs. */
    @Override
    public String summaryLine() {
        return String.format(Locale.ROOT,
                "RESULT scenario=%s qos=%d pubs=%d subs=%d sent=%d received=%d lost=%d duplicated=%d"
                        + " out_of_order=%d sent_rate=%.0f recv_rate=%.0f p50_us=%d p99_us=%d p999_us=%d max_us=%d"
                        + " errors=%d drain=%s mqtt=%s payload=%d shared=%s clean_session=%s",
                scenario, qos, publishers, subscribers, sent, received, lost, duplicates, outOfOrder,
                sentRate, recvRate, latencyP50Micros, latencyP99Micros, latencyP999Micros, latencyMaxMicros,
                errors, drainEnd.label(), mqtt, payloadBytes, shared, cleanSession);
    }

    /**
     * A broken connection fails any run; a lost message fails a QoS 1 run (at QoS 0 loss is
     * allowed, so it is reported, not judged). Duplicates are allowed at QoS 1 (at least once).
     */
    @Override
    public String failure() {
        if (errors > 0) {
            return errors + " connection(s) failed; first: " + firstError;
        }
        if (qos >= 1 && lost > 0) {
            return lost + " QoS " + qos + " message(s) lost" + (drainEnd == DrainEnd.TIME_LIMIT
                    ? " (or still on their way when --drain ran out)" : "");
        }
        return null;
    }

    /** A few lines for a person reading the terminal. */
    @Override
    public List<String> humanLines() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "measured %.2f s: sent %.0f msg/s, received %.0f msg/s (all subscribers)",
                measuredSeconds, sentRate, recvRate));
        lines.add(String.format(Locale.ROOT,
                "whole run: sent %d, expected %d deliveries, received %d, lost %d, duplicated %d, out of order %d (drain %.2f s)",
                sent, expected, received, lost, duplicates, outOfOrder, drainSeconds));
        lines.add(String.format(Locale.ROOT, "latency in window: p50 %s, p99 %s, p99.9 %s, max %s",
                millis(latencyP50Micros), millis(latencyP99Micros), millis(latencyP999Micros),
                millis(latencyMaxMicros)));
        if (drainEnd == DrainEnd.TIME_LIMIT && lost > 0) {
            lines.add("messages were still arriving when the drain time ran out: 'lost' includes messages"
                    + " the broker still held (longer --drain, or a --rate the broker can sustain, tells them apart)");
        }
        if (foreign > 0) {
            lines.add("ignored " + foreign + " messages that were not written by this run");
        }
        if (errors > 0) {
            lines.add("errors: " + errors + " connection(s) failed; first: " + firstError);
        }
        return lines;
    }

    private static String millis(long micros) {
        return String.format(Locale.ROOT, "%.2f ms", micros / 1000.0);
    }
}
