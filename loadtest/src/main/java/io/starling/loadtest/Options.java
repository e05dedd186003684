package io.starling.loadtest;

import io.netty.handler.codec.mqtt.MqttVersion;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The command line of one load-generator run, parsed and checked. */
record Options(
        String host,
        int port,
        int subPort,
        Scenario scenario,
        int qos,
        int publishers,
        int subscribers,
        boolean shared,
        int payloadBytes,
        Duration duration,
        Duration warmup,
        Duration drain,
        MqttVersion mqttVersion,
        String username,
        String password,
        int inflight,
        double rate,
        int threads,
        String transport,
        boolean cleanSession,
        int keepAliveSeconds,
        int connections,
        Duration hold,
        long brokerPid,
        SourceAddresses sourceAddresses,
        int connectWindow,
        double connectRate) {

    static final String USAGE = String.join("\n",
            "usage: java -jar loadtest.jar [options]",
            "  --host H           broker host, loopback only (default 127.0.0.1)",
            "  --port N           broker port (default 1883); publishers connect here",
            "  --sub-port N       port the subscribers connect to (default: --port), e.g. another node of",
            "                     a cluster, to measure messages that cross from one node to another",
            "  --scenario S       fanin (P publishers -> S subscribers on a wildcard filter, default 8 -> 1)",
            "                     fanout (1 publisher -> S subscribers on one topic, default 1 -> 8)",
            "                     pairs (N publisher/subscriber pairs, a topic per pair, default 8; --publishers N)",
            "                     latency (fanin at a fixed --rate, default 1 -> 1 at 20000 msg/s: p50/p99/p99.9)",
            "                     connect (--connections idle connections: connects/s, broker RSS per connection)",
            "  --qos 0|1          QoS of publishes and subscriptions (default 1)",
            "  --publishers P     number of publishing connections",
            "  --subscribers S    number of subscribing connections",
            "  --shared           subscribe with $share/" + Scenario.SHARE_GROUP + "/... (messages split among subscribers)",
            "  --payload BYTES    payload size, at least " + Payload.HEADER_BYTES + " (default 64)",
            "  --duration T       measured time, e.g. 10s, 500ms, 2m (default 10s)",
            "  --warmup T         time publishing before measuring (default 2s)",
            "  --drain T          longest wait for in-transit messages after publishing stops (default 5s)",
            "  --mqtt 3.1.1|5     protocol version (default 3.1.1)",
            "  --username U       user name for CONNECT",
            "  --password P       password for CONNECT (needs --username)",
            "  --inflight N       QoS 1 messages a publisher may have awaiting PUBACK (default 100)",
            "  --rate R           total publish rate in msg/s over all publishers (default 0 = as fast as possible;",
            "                     latency: 20000)",
            "  --clean-session B  true (default) or false: persistent sessions with fixed client ids and topics",
            "                     (lt-SCENARIO-s0..., starling-lt/durable-SCENARIO/...) to measure durability",
            "  --keepalive S      keep-alive in seconds; clients ping at half of it (default 60)",
            "  --threads N        event-loop threads (default 2)",
            "  --transport T      auto, epoll or nio (default auto)",
            "connect scenario:",
            "  --connections N    idle connections to open (default 1000)",
            "  --hold T           how long to keep them open once all are connected (default 10s)",
            "  --broker-pid PID   read the broker's VmRSS from /proc/PID/status before and while holding",
            "  --source-addresses A,B|N  connect from these loopback addresses (or 127.0.0.1..127.0.0.N),",
            "                     round-robin: each gives about 28 000 ephemeral ports",
            "  --connect-window K at most K connections awaiting CONNACK at once (default 100)",
            "  --connect-rate R   at most R new connections per second (default 0 = only the window limits)",
            "The last line printed is a RESULT line with key=value fields.");

    private static final Set<String> FLAGS = Set.of("shared");
    private static final Set<String> VALUED = Set.of(
            "host", "port", "sub-port", "scenario", "qos", "publishers", "subscribers", "payload", "duration", "warmup",
            "drain", "mqtt", "username", "password", "inflight", "rate", "threads", "transport",
            "clean-session", "keepalive", "connections", "hold", "broker-pid", "source-addresses",
            "connect-window", "connect-rate");

    /** Throws {@link IllegalArgumentException} with a message for the user on any bad option. */
    static Options parse(String... args) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (FLAGS.contains(name)) {
                given.put(name, value == null ? "true" : value);
            } else if (VALUED.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("option --" + name + " needs a value");
                    }
                    value = args[++i];
                }
                given.put(name, value);
            } else {
                throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
        }

        String host = given.getOrDefault("host", "127.0.0.1");
        if (!LoopbackHost.isLoopback(host)) {
            throw new IllegalArgumentException("refusing host '" + host
                    + "': the load generator only connects to loopback addresses (127.0.0.1, ::1, localhost)");
        }
        Scenario scenario = Scenario.parse(given.getOrDefault("scenario", "fanin"));
        String username = given.get("username");
        String password = given.get("password");
        if (password != null && username == null) {
            throw new IllegalArgumentException("--password needs --username (MQTT forbids a password without a user name)");
        }
        boolean shared = bool(given, "shared", false);
        if (shared && (scenario == Scenario.PAIRS || scenario == Scenario.CONNECT)) {
            throw new IllegalArgumentException("--shared makes no sense for the " + scenario.label() + " scenario");
        }
        int publishers;
        int subscribers;
        if (scenario == Scenario.CONNECT) {
            publishers = 0;
            subscribers = 0;
        } else if (scenario == Scenario.PAIRS) {
            // one number: --publishers N, --subscribers N, or both the same
            int p = intIn(given, "publishers", -1, 1, 10_000);
            int s = intIn(given, "subscribers", -1, 1, 10_000);
            if (p > 0 && s > 0 && p != s) {
                throw new IllegalArgumentException("pairs needs as many subscribers as publishers, got " + p + " and " + s);
            }
            publishers = p > 0 ? p : s > 0 ? s : scenario.defaultPublishers();
            subscribers = publishers;
        } else {
            publishers = intIn(given, "publishers", scenario.defaultPublishers(), 1, 10_000);
            subscribers = intIn(given, "subscribers", scenario.defaultSubscribers(), 1, 10_000);
        }
        if (scenario == Scenario.CONNECT && given.containsKey("sub-port")) {
            throw new IllegalArgumentException("--sub-port makes no sense for the connect scenario (it has no subscribers)");
        }
        int port = intIn(given, "port", 1883, 1, 65_535);
        String brokerPid = given.get("broker-pid");
        return new Options(
                host,
                port,
                intIn(given, "sub-port", port, 1, 65_535),
                scenario,
                intIn(given, "qos", 1, 0, 1),
                publishers,
                subscribers,
                shared,
                intIn(given, "payload", 64, Payload.HEADER_BYTES, 1 << 20),
                durationIn(given, "duration", "10s", Duration.ofMillis(100), Duration.ofHours(1)),
                durationIn(given, "warmup", "2s", Duration.ZERO, Duration.ofMinutes(10)),
                durationIn(given, "drain", "5s", Duration.ZERO, Duration.ofMinutes(2)),
                mqttVersion(given.getOrDefault("mqtt", "3.1.1")),
                username,
                password,
                intIn(given, "inflight", 100, 1, 65_535),
                rate("rate", given.getOrDefault("rate", Double.toString(scenario.defaultRate()))),
                intIn(given, "threads", 2, 1, 64),
                given.getOrDefault("transport", "auto"),
                bool(given, "clean-session", true),
                intIn(given, "keepalive", 60, 2, 65_535),
                intIn(given, "connections", 1_000, 1, 1_000_000),
                durationIn(given, "hold", "10s", Duration.ZERO, Duration.ofHours(1)),
                brokerPid == null ? 0 : longIn("broker-pid", brokerPid, 1, Long.MAX_VALUE),
                given.containsKey("source-addresses") ? SourceAddresses.parse(given.get("source-addresses")) : SourceAddresses.ANY,
                intIn(given, "connect-window", 100, 1, 100_000),
                rate("connect-rate", given.getOrDefault("connect-rate", "0")));
    }

    private static boolean bool(Map<String, String> given, String name, boolean dflt) {
        String text = given.get(name);
        if (text == null) {
            return dflt;
        }
        switch (text.toLowerCase(Locale.ROOT)) {
            case "true":
            case "yes":
            case "1":
                return true;
            case "false":
            case "no":
            case "0":
                return false;
            default:
                throw new IllegalArgumentException("--" + name + " must be true or false, got '" + text + "'");
        }
    }

    private static long longIn(String name, String text, long min, long max) {
        long value;
        try {
            value = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got '" + text + "'");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("--" + name + " must be " + min + ".." + max + ", got " + value);
        }
        return value;
    }

    /** "10s", "500ms", "2m", "1h" or a plain number of seconds; fractions allowed ("1.5s"). */
    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        double factorMillis;
        String number;
        if (t.endsWith("ms")) {
            factorMillis = 1;
            number = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            factorMillis = 1_000;
            number = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            factorMillis = 60_000;
            number = t.substring(0, t.length() - 1);
        } else if (t.endsWith("h")) {
            factorMillis = 3_600_000;
            number = t.substring(0, t.length() - 1);
        } else {
            factorMillis = 1_000;
            number = t;
        }
        try {
            double value = Double.parseDouble(number);
            if (value < 0 || Double.isNaN(value) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("bad duration '" + text + "'");
            }
            return Duration.ofMillis(Math.round(value * factorMillis));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad duration '" + text + "' (use e.g. 10s, 500ms, 2m)");
        }
    }

    private static MqttVersion mqttVersion(String text) {
        switch (text) {
            case "3.1.1":
            case "311":
            case "4":
                return MqttVersion.MQTT_3_1_1;
            case "5":
            case "5.0":
                return MqttVersion.MQTT_5;
            default:
                throw new IllegalArgumentException("unknown --mqtt '" + text + "' (3.1.1 or 5)");
        }
    }

    private static double rate(String name, String text) {
        try {
            double r = Double.parseDouble(text);
            if (r < 0 || Double.isNaN(r) || Double.isInfinite(r)) {
                throw new NumberFormatException();
            }
            return r;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number >= 0, got '" + text + "'");
        }
    }

    private static int intIn(Map<String, String> given, String name, int dflt, int min, int max) {
        String text = given.get(name);
        if (text == null) {
            return dflt;
        }
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got '" + text + "'");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("--" + name + " must be " + min + ".." + max + ", got " + value);
        }
        return value;
    }

    private static Duration durationIn(Map<String, String> given, String name, String dflt, Duration min, Duration max) {
        Duration d = parseDuration(given.getOrDefault(name, dflt));
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new IllegalArgumentException("--" + name + " must be between " + min + " and " + max + ", got " + d);
        }
        return d;
    }

    String mqttLabel() {
        return mqttVersion == MqttVersion.MQTT_5 ? "5" : "3.1.1";
    }
}
