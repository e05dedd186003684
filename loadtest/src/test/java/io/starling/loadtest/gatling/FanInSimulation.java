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
 * Fan-in: {@code publishers} clients each publish {@code messages} QoS 1 messages (each PUBACK
 * checked) to a topic of their own under a run-unique prefix; {@code subscribers} clients
 * subscribe to {@code prefix/+} (QoS 0) and must each receive every message.
 */
public class FanInSimulation extends Simulation {

    static final String LABEL = "fan-in";

    record Load(int publishers, int subscribers, int messages, Duration ramp, Duration pace) {
        static Load fromProperties() {
            return new Load(SuiteSettings.intProperty("publishers", 20),
                    SuiteSettings.intProperty("subscribers", 2),
                    SuiteSettings.intProperty("messages", 50),
                    SuiteSettings.rampProperty("rampMillis", 2_000),
                    SuiteSettings.millisProperty("paceMillis", 0));
        }

        int deliveriesPerSubscriber() {
            return publishers * messages;
        }
    }

    static List<PopulationBuilder> populations(Load load, BrokerTarget target) {
        RunTopics run = RunTopics.create("fi");
        MqttSteps mqtt = new MqttSteps(LABEL, target);
        Rendezvous subscribed = new Rendezvous(load.subscribers(), Duration.ofSeconds(60));

        var subscribers = scenario(LABEL + " subscribers").exec(
                mqtt.connect(session -> run.clientId("s", session.userId())),
                mqtt.nextPacketId(),
                Deliveries.expect(
                        mqtt.subscribe(session -> run.topic("+"), MqttQoS.AT_MOST_ONCE),
                        MqttChecks.suback(mqtt.name("SUBACK"), subscribed::arrive),
                        Duration.ofSeconds(90),
                        load.deliveriesPerSubscriber(),
                        i -> MqttChecks.publish(mqtt.name("delivery"), Deliveries.under(run.prefix(), false))),
                mqtt.disconnect());

        var publishers = scenario(LABEL + " publishers").exec(
                mqtt.connect(session -> run.clientId("p", session.userId())),
                subscribed.await(),
                repeat(load.messages(), "i").on(exec(
                        mqtt.publishQos1AndAwait(session -> run.topic("p" + session.userId()), false,
                                session -> "message " + session.getInt("i")),
                        pause(load.pace()))),
                mqtt.disconnect());

        return List.of(
                subscribers.injectOpen(atOnceUsers(load.subscribers())).protocols(target.protocol()),
                publishers.injectOpen(rampUsers(load.publishers()).during(load.ramp())).protocols(target.protocol()));
    }

    /** Every publish was acknowledged and every subscriber received every message. */
    static List<Assertion> assertions(Load load) {
        return List.of(
                details(LABEL + ": PUBACK").successfulRequests().count().is((long) load.publishers() * load.messages()),
                details(LABEL + ": delivery").successfulRequests().count()
                        .is((long) load.subscribers() * load.deliveriesPerSubscriber()));
    }

    public FanInSimulation() {
        Load load = Load.fromProperties();
        setUp(populations(load, BrokerTarget.fromProperties()))
                .assertions(SuiteSettings.noFailuresAnd(assertions(load)))
                .maxDuration(SuiteSettings.maxDuration());
    }
}
