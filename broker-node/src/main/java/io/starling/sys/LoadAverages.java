package io.starling.sys;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Mosquitto's {@code $SYS/broker/load/...} figures: per-minute rates smoothed with exponential
 * moving averages over 1, 5 and 15 minutes, updated every {@code sys_interval}.
 */
final class LoadAverages {

    private static final String[] WINDOWS = {"1min", "5min", "15min"};
    private static final double[] MINUTES = {1, 5, 15};

    private final double intervalSeconds;
    private final Map<String, double[]> averages = new LinkedHashMap<>();
    private final Map<String, Long> previous = new LinkedHashMap<>();

    LoadAverages(Duration interval) {
        this.intervalSeconds = Math.max(1, interval.toSeconds());
    }

    /** Returns topic → value for every load figure after folding in the counters' latest growth. */
    Map<String, String> sample(Metrics metrics) {
        Map<String, String> out = new LinkedHashMap<>();
        update(out, "messages/received", metrics.messagesReceived.sum());
        update(out, "messages/sent", metrics.messagesSent.sum());
        update(out, "publish/received", metrics.publishReceived.sum());
        update(out, "publish/sent", metrics.publishSent.sum());
        update(out, "publish/dropped", metrics.droppedMessages.sum());
        update(out, "bytes/received", metrics.bytesReceived.sum());
        update(out, "bytes/sent", metrics.bytesSent.sum());
        return out;
    }

    private void update(Map<String, String> out, String name, long counter) {
        Long before = previous.put(name, counter);
        double perMinute = before == null ? 0 : (counter - before) * 60.0 / intervalSeconds;
        double[] values = averages.computeIfAbsent(name, k -> new double[WINDOWS.length]);
        for (int i = 0; i < WINDOWS.length; i++) {
            double alpha = 1 - Math.exp(-intervalSeconds / (60.0 * MINUTES[i]));
            values[i] = values[i] + alpha * (perMinute - values[i]);
            out.put("$SYS/broker/load/" + name + "/" + WINDOWS[i], String.format(java.util.Locale.ROOT, "%.2f", values[i]));
        }
    }
}
