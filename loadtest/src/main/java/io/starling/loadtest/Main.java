package io.starling.loadtest;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * Command-line entry of the load generator: {@code java -jar loadtest.jar --scenario fanin --qos 1 ...}.
 *
 * <p>Exit status: 0 run done, 1 run failed (a connection broke or could not be made, or a QoS 1
 * message was lost), 2 bad options, 3 the run overran its time bound (watchdog). The RESULT
 * line is printed last whenever the run took place, failed or not.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            out.println(Options.USAGE);
            return 0;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("loadtest: " + e.getMessage());
            err.println("(java -jar loadtest.jar --help for the options)");
            return 2;
        }
        startWatchdog(options, err);
        try {
            RunOutcome result = options.scenario().carriesMessages()
                    ? new LoadRun(options, out).run()
                    : new ConnectRun(options, out).run();
            result.humanLines().forEach(out::println);
            String failure = result.failure();
            if (failure != null) {
                out.println("FAILED: " + failure);
            }
            out.println(result.summaryLine());
            return failure == null ? 0 : 1;
        } catch (RunFailure | IllegalStateException e) {
            err.println("loadtest: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("loadtest: interrupted");
            return 1;
        }
    }

    /** Whatever happens (a hung broker, a stuck shutdown), the process ends in bounded time. */
    private static void startWatchdog(Options options, PrintStream err) {
        long boundMillis = LoadRun.timeBound(options).toMillis();
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(boundMillis);
            } catch (InterruptedException e) {
                return;
            }
            err.println("loadtest: run exceeded its time bound of " + boundMillis / 1000 + " s, giving up");
            Runtime.getRuntime().halt(3);
        }, "loadtest-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
