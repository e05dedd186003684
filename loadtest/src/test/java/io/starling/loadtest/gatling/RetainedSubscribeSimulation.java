package io.starling.loadtest.gatling;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
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
 * Retained subscribe: one client publishes {@code topics} retained QoS 1 messages to
 * {@code prefix/t<k>} (payload: the topic); then {@code users} clients subscribe to {@code prefix/#}
 * and must each receive all of them, with the retain flag set. At the end the publisher clears
 * them (an empty retained message per topic), so the broker keeps nothing of the run.
 */
public class RetainedSubscribeSimulation extends Simulation {

    static final String LABEL = "retained";

    record Load(int topics, int users, Duration ramp) {
        static Load fromProperties() {
            return new Load(SuiteSettings.intProperty("topics", 50),
                    SuiteSettings.intProperty("users", 50),
                    SuiteSettings.rampProperty("rampMillis", 5_000));
        }
    }

    static List<PopulationBuilder> populations(Load load, BrokerTarget target) {
        RunTopics run = RunTopics.create("rt");
        MqttSteps mqtt = new MqttSteps(LABEL, target);
        Rendezvous retainedStored = new Rendezvous(1, Duration.ofSeconds(60));
        Rendezvous subscribersDone = new Rendezvous(load.users(), SuiteSettings.maxDuration());

        var publisher = scenario(LABEL + " publisher").exec(
                mqtt.connect(session -> run.clientId("p", session.userId())),
                repeat(load.topics(), "k").on(
                        mqtt.publishQos1AndAwait(session -> run.topic("t" + session.getInt("k")), true,
                                session -> run.topic("t" + session.getInt("k")))),
                exec(session -> {
                    retainedStored.arrive();
                    return session;
                }),
                subscribersDone.await(),
                repeat(load.topics(), "k").on(
                        mqtt.nextPacketId(),
                        mqtt.publishQos1("clear", session -> run.topic("t" + session.getInt("k")), true, session -> "")
                                .await(MqttSteps.TIMEOUT).on(MqttChecks.puback(mqtt.name("clear PUBACK")))),
                mqtt.disconnect());

        var subscribers = scenario(LABEL + " subscribers").exec(
                retainedStored.await(),
                mqtt.connect(session -> run.clientId("s", session.userId())),
                mqtt.nextPacketId(),
                Deliveries.expect(
                        mqtt.subscribe(session -> run.topic("#"), MqttQoS.AT_MOST_ONCE),
                        MqttChecks.suback(mqtt.name("SUBACK")),
                        MqttSteps.TIMEOUT,
                        load.topics(),
                        i -> MqttChecks.publish(mqtt.name("retained delivery"), (frame, session) -> {
                            String problem = Deliveries.under(run.prefix(), true).apply(frame, session);
                            if (problem != null) {
                                return problem;
                            }
                            return frame.topic().equals(frame.payloadText()) ? null
                                    : "retained payload '" + frame.payloadText() + "' on " + frame.topic();
                        })),
                exec(session -> {
                    subscribersDone.arrive();
                    return session;
                }),
                mqtt.disconnect());

        return List.of(
                publisher.injectOpen(atOnceUsers(1)).protocols(target.protocol()),
                subscribers.injectOpen(rampUsers(load.users()).during(load.ramp())).protocols(target.protocol()));
    }

    /** Every retained message was stored and every subscriber received all of them. */
    static List<Assertion> assertions(Load load) {
        return List.of(
                details(LABEL + ": PUBACK").successfulRequests().count().is((long) load.topics()),
                details(LABEL + ": retained delivery").successfulRequests().count().is((long) load.users() * load.topics()),
                details(LABEL + ": clear PUBACK").successfulRequests().count().is((long) load.topics()));
    }

    public RetainedSubscribeSimulation() {
        Load load = Load.fromProperties();
        setUp(populations(load, BrokerTarget.fromProperties()))
                .assertions(SuiteSettings.noFailuresAnd(assertions(load)))
                .maxDuration(SuiteSettings.maxDuration());
    }
}
