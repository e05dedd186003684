package io.starling.loadtest.gatling;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.time.Duration;
import java.util.List;

/**
 * Fan-out: one publisher publishes {@code messages} QoS 1 messages (each PUBACK checked) to one
 * topic; {@code subscribers} clients subscribe to it (QoS 0) and must each receive every message,
 * in order (message i carries "message i").
 */
public class FanOutSimulation extends Simulation {

    static final String LABEL = "fan-out";

    record Load(int subscribers, int messages, Duration ramp, Duration pace) {
        static Load fromProperties() {
            return new Load(SuiteSettings.intProperty("subscribers", 50),
                    SuiteSettings.intProperty("messages", 100),
                    SuiteSettings.rampProperty("rampMillis", 2_000),
                    SuiteSettings.millisProperty("paceMillis", 0));
        }
    }

    static List<PopulationBuilder> populations(Load load, BrokerTarget target) {
        RunTopics run = RunTopics.create("fo");
        String topic = run.topic("news");
        MqttSteps mqtt = new MqttSteps(LABEL, target);
        Rendezvous subscribed = new Rendezvous(load.subscribers(), Duration.ofSeconds(60));

        var subscribers = scenario(LABEL + " subscribers").exec(
                mqtt.connect(session -> run.clientId("s", session.userId())),
                mqtt.nextPacketId(),
                Deliveries.expect(
                        mqtt.subscribe(session -> topic, MqttQoS.AT_MOST_ONCE),
                        MqttChecks.suback(mqtt.name("SUBACK"), subscribed::arrive),
                        Duration.ofSeconds(90),
                        load.messages(),
                        i -> MqttChecks.publish(mqtt.name("delivery"), (frame, session) -> {
                            String expected = "message " + i;
                            if (!topic.equals(frame.topic())) {
                                return "PUBLISH on " + frame.topic() + ", expected " + topic;
                            }
                            return expected.equals(frame.payloadText()) ? null
                                    : "received '" + frame.payloadText() + "', expected '" + expected + "' (order)";
                        })),
                mqtt.disconnect());

        var publisher = scenario(LABEL + " publisher").exec(
                mqtt.connect(session -> run.clientId("p", session.userId())),
                subscribed.await(),
                repeat(load.messages(), "i").on(exec(
                        mqtt.publishQos1AndAwait(session -> topic, false, session -> "message " + session.getInt("i")),
                        pause(load.pace()))),
                mqtt.disconnect());

        return List.of(
                subscribers.injectOpen(rampUsers(load.subscribers()).during(load.ramp())).protocols(target.protocol()),
                publisher.injectOpen(atOnceUsers(1)).protocols(target.protocol()));
    }

    /** Every publish was acknowledged and every subscriber received every message. */
    static List<Assertion> assertions(Load load) {
        return List.of(
                details(LABEL + ": PUBACK").successfulRequests().count().is((long) load.messages()),
                details(LABEL + ": delivery").successfulRequests().count().is((long) load.subscribers() * load.messages()));
    }

    public FanOutSimulation() {
        Load load = Load.fromProperties();
        setUp(populations(load, BrokerTarget.fromProperties()))
                .assertions(SuiteSettings.noFailuresAnd(assertions(load)))
                .maxDuration(SuiteSettings.maxDuration());
    }
}
