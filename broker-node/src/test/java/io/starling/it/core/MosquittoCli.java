package io.starling.it.core;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.starling.it.TestBroker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's {@code mosquitto_pub} and {@code mosquitto_sub} against a test broker, the way a
 * user types them. Every run is bounded: callers pass {@code -C}/{@code -W}, and the helper kills
 * a process that outlives its deadline.
 */
public final class MosquittoCli {

    /** What a finished command printed (debug lines removed) and its exit status. */
    public record Result(int exitCode, List<String> lines) {
    }

    private MosquittoCli() {
    }

    /** Runs {@code mosquitto_pub -h 127.0.0.1 -p PORT args...} to completion (at most 10 s). */
    static Result pub(TestBroker broker, String... args) {
        return pub(broker.port(), args);
    }

    /** Runs {@code mosquitto_pub -h 127.0.0.1 -p port args...} to completion (at most 10 s). */
    public static Result pub(int port, String... args) {
        return run(command("mosquitto_pub", port, false, args), null);
    }

    /** Runs {@code mosquitto_pub ... -l}, feeding it {@code stdin}: one message per line. */
    static Result pubLines(TestBroker broker, String stdin, String... args) {
        return run(command("mosquitto_pub", broker.port(), false, args), stdin);
    }

    /**
     * Starts {@code mosquitto_sub -h 127.0.0.1 -p PORT args...} and returns once the broker has
     * acknowledged its subscription (seen through {@code -d}, whose lines are filtered out of the
     * result), so a publish made afterwards is certain to be routed to it.
     */
    static RunningSub sub(TestBroker broker, String... args) {
        return sub(broker.port(), args);
    }

    /** As {@link #sub(TestBroker, String...)}, against the broker on 127.0.0.1:{@code port}. */
    public static RunningSub sub(int port, String... args) {
        // stdbuf -oL: with a pipe for stdout, mosquitto_sub would hold its -d lines back until it ends
        List<String> cmd = new ArrayList<>(List.of("stdbuf", "-oL"));
        cmd.addAll(command("mosquitto_sub", port, true, args));
        RunningSub s = new RunningSub(start(cmd));
        s.awaitSubscribed();
        return s;
    }

    /** A {@code mosquitto_sub} that is running. */
    public static final class RunningSub {
        private final Process process;
        private final List<String> output = new CopyOnWriteArrayList<>();
        private final CountDownLatch subscribed = new CountDownLatch(1);
        private final Thread reader;

        private RunningSub(Process process) {
            this.process = process;
            this.reader = new Thread(this::readOutput, "mosquitto_sub-reader");
            reader.setDaemon(true);
            reader.start();
        }

        private void readOutput() {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    output.add(line);
                    if (line.contains("received SUBACK")) {
                        subscribed.countDown();
                    }
                }
            } catch (IOException e) {
                // the process ended: what it printed so far is all there is
            }
        }

        /** Waits for the SUBACK, or for the process to end first (with -C, queued messages may suffice). */
        private void awaitSubscribed() {
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (!subscribed.await(20, TimeUnit.MILLISECONDS)) {
                    if (!process.isAlive()) {
                        return;
                    }
                    if (System.nanoTime() > deadline) {
                        process.destroyForcibly();
                        fail("mosquitto_sub was not subscribed within 5 s; it printed " + output);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Waits until the command has printed {@code line} (a whole line), at most {@code timeout}. */
        public void awaitLine(String line, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            try {
                while (!output.contains(line)) {
                    if (System.nanoTime() > deadline) {
                        fail("mosquitto_sub did not print '" + line + "' within " + timeout + "; printed " + output);
                    }
                    reader.join(20); // returns early only when the output has ended
                    if (!reader.isAlive() && !output.contains(line)) {
                        fail("mosquitto_sub ended without printing '" + line + "'; printed " + output);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Kills the process (SIGKILL): its TCP connection drops without a DISCONNECT. */
        public void kill() {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Waits for the command to end by itself ({@code -C} or {@code -W}); kills it after {@code timeout}. */
        public Result awaitExit(Duration timeout) {
            try {
                boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (!ended) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
                // the reader thread may still be copying the last lines
                reader.join(2000);
                assertTrue(ended, "mosquitto_sub did not end by itself within " + timeout + "; printed " + output);
                return new Result(process.exitValue(), withoutDebugLines(output));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static List<String> command(String program, int port, boolean debug, String... args) {
        List<String> cmd = new ArrayList<>(List.of(program, "-h", TestBroker.HOST, "-p", String.valueOf(port)));
        if (debug) {
            cmd.add("-d");
        }
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static Process start(List<String> cmd) {
        try {
            return new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Result run(List<String> cmd, String stdin) {
        Process p = start(cmd);
        try {
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(cmd + " did not end within 10 s");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(p.exitValue(), out.isEmpty() ? List.of() : List.of(out.split("\n")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code -d} lines all start with "Client " or "Subscribed (mid"; message lines in these tests never do. */
    private static List<String> withoutDebugLines(List<String> lines) {
        return lines.stream()
                .filter(l -> !l.startsWith("Client ") && !l.startsWith("Subscribed (mid"))
                .toList();
    }
}
