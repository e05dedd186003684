package io.starling.loadtest.gatling;

import static io.gatling.javaapi.core.CoreDsl.global;

import io.gatling.javaapi.core.Assertion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What every simulation of the suite shares: its system properties and its last-resort bounds. */
final class SuiteSettings {

    private SuiteSettings() {}

    static int intProperty(String name, int defaultValue) {
        return Integer.getInteger(name, defaultValue);
    }

    static Duration millisProperty(String name, long defaultMillis) {
        return Duration.ofMillis(Long.getLong(name, defaultMillis));
    }

    /**
     * A ramp duration, at least one second: Gatling 3.14 was seen never to start the users of a
     * {@code rampUsers(4).during(500 ms)}.
     */
    static Duration rampProperty(String name, long defaultMillis) {
        return Duration.ofMillis(Math.max(1_000, Long.getLong(name, defaultMillis)));
    }

    /** Gatling stops the run after this long whatever is still going ({@code -DmaxSeconds}, 300). */
    static Duration maxDuration() {
        return Duration.ofSeconds(Long.getLong("maxSeconds", 300));
    }

    /** Not one failed request (check, connect, close) in the whole run, plus the given ones. */
    static List<Assertion> noFailuresAnd(List<Assertion> more) {
        List<Assertion> all = new ArrayList<>();
        all.add(global().failedRequests().percent().is(0.0));
        all.addAll(more);
        return all;
    }
}
