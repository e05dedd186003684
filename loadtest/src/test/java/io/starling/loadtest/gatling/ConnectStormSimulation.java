package io.starling.loadtest.gatling;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.List;

/**
 * Connect storm: {@code users} clients arrive over {@code rampMillis}; each opens a WebSocket,
 * sends CONNECT and must get CONNACK 0, stays connected {@code holdMillis}, pings, disconnects.
 */
public class ConnectStormSimulation extends Simulation {

    static final String LABEL = "connect storm";

    record Load(int users, Duration ramp, Duration hold) {
        static Load fromProperties() {
            return new Load(SuiteSettings.intProperty("users", 200),
                    SuiteSettings.rampProperty("rampMillis", 10_000),
                    SuiteSettings.millisProperty("holdMillis", 1_000));
        }
    }

    static PopulationBuilder population(Load load, BrokerTarget target) {
        RunTopics run = RunTopics.create("cs");
        MqttSteps mqtt = new MqttSteps(LABEL, target);
        return scenario(LABEL)
                .exec(mqtt.connect(session -> run.clientId("u", session.userId())),
                        pause(load.hold()),
                        mqtt.ping(),
                        mqtt.disconnect())
                .injectOpen(rampUsers(load.users()).during(load.ramp()))
                .protocols(target.protocol());
    }

    /** Every user was accepted. */
    static List<Assertion> assertions(Load load) {
        return List.of(details(LABEL + ": CONNACK").successfulRequests().count().is((long) load.users()));
    }

    public ConnectStormSimulation() {
        Load load = Load.fromProperties();
        setUp(population(load, BrokerTarget.fromProperties()))
                .assertions(SuiteSettings.noFailuresAnd(assertions(load)))
                .maxDuration(SuiteSettings.maxDuration());
    }
}
