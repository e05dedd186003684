package io.starling.loadtest.gatling;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.bodyBytes;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.doIfOrElse;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.ws;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.time.Duration;
import java.util.List;

/**
 * QoS 1 request/response round trip: {@code requesters} clients each subscribe to a response topic
 * of their own and send {@code requests} requests, one at a time, as QoS 1 PUBLISHes to the
 * request topic, the response topic in the payload. One responder, subscribed to the request
 * topic, answers each with a QoS 1 PUBLISH to that response topic.
 *
 * <p>The request "request/response: round trip" is timed from the request's PUBLISH to the
 * response's arrival. The responder does not use checks (it cannot know which requester comes
 * next): it reads Gatling's buffer of unmatched frames, and answers before it looks again.
 * Gatling empties that buffer on every send, so the responder always reads it right before
 * sending, in the same step (the user's actions and its frames share one event loop).
 */
public class RequestResponseSimulation extends Simulation {

    static final String LABEL = "request/response";

    record Load(int requesters, int requests, Duration ramp) {
        static Load fromProperties() {
            return new Load(SuiteSettings.intProperty("requesters", 20),
                    SuiteSettings.intProperty("requests", 20),
                    SuiteSettings.rampProperty("rampMillis", 2_000));
        }

        int total() {
            return requesters * requests;
        }
    }

    static List<PopulationBuilder> populations(Load load, BrokerTarget target) {
        RunTopics run = RunTopics.create("rr");
        String requestTopic = run.topic("requests");
        MqttSteps mqtt = new MqttSteps(LABEL, target);
        Rendezvous responderReady = new Rendezvous(1, Duration.ofSeconds(60));
        Responder state = new Responder();
        long deadline = SuiteSettings.maxDuration().toMillis();

        var responder = scenario(LABEL + " responder").exec(
                mqtt.connect(session -> run.clientId("r", session.userId())),
                mqtt.subscribeAndAwait(session -> requestTopic, MqttQoS.AT_LEAST_ONCE),
                exec(session -> {
                    responderReady.arrive();
                    return session.set("responderStart", System.currentTimeMillis());
                }),
                asLongAs(session -> (state.answered() < load.total() || state.pubacks() < load.total())
                        && System.currentTimeMillis() - session.getLong("responderStart") < deadline).on(
                        ws.processUnmatchedMessages((messages, session) -> {
                            state.take(messages, requestTopic);
                            return session;
                        }),
                        doIfOrElse(session -> state.hasPending()).then(
                                ws(mqtt.name("responder PUBACK")).sendBytes(session -> MqttPackets.puback(state.peek().packetId())),
                                ws(mqtt.name("response")).sendBytes(session -> {
                                    Responder.Request request = state.peek();
                                    return MqttPackets.publish(request.responseTopic(), MqttQoS.AT_LEAST_ONCE, false,
                                            state.answer(), request.sequence());
                                }))
                                .orElse(pause(Duration.ofMillis(2)))),
                // one checked request that fails unless every request was answered and every
                // response acknowledged by the broker
                ws(mqtt.name("responder PINGREQ")).sendBytes(MqttPackets.pingreq()).await(MqttSteps.TIMEOUT).on(
                        MqttChecks.pingresp(mqtt.name("responder answered all"))
                                .check(bodyBytes().transform(bytes -> state.answered() + " answered, "
                                        + state.pubacks() + " acknowledged")
                                        .is(load.total() + " answered, " + load.total() + " acknowledged"))),
                mqtt.disconnect());

        var requesters = scenario(LABEL + " requesters").exec(
                mqtt.connect(session -> run.clientId("q", session.userId())),
                exec(session -> session.set("responseTopic", run.topic("responses/" + session.userId()))),
                mqtt.subscribeAndAwait(session -> session.getString("responseTopic"), MqttQoS.AT_LEAST_ONCE),
                responderReady.await(),
                repeat(load.requests(), "i").on(
                        mqtt.nextPacketId(),
                        mqtt.publishQos1("request", session -> requestTopic, false,
                                        session -> session.getString("responseTopic") + " " + session.getInt("i"))
                                .await(MqttSteps.TIMEOUT).on(
                                        MqttChecks.puback(mqtt.name("request PUBACK")),
                                        MqttChecks.publish(mqtt.name("round trip"), RequestResponseSimulation::isResponse)
                                                .check(MqttChecks.savePacketId("responsePacketId"))),
                        ws(mqtt.name("response PUBACK")).sendBytes(session -> MqttPackets.puback(session.getInt("responsePacketId")))),
                mqtt.disconnect());

        return List.of(
                responder.injectOpen(atOnceUsers(1)).protocols(target.protocol()),
                requesters.injectOpen(rampUsers(load.requesters()).during(load.ramp())).protocols(target.protocol()));
    }

    /** The response to this requester's current request: on its response topic, with its sequence. */
    private static String isResponse(MqttFrame frame, Session session) {
        if (!session.getString("responseTopic").equals(frame.topic())) {
            return "PUBLISH on " + frame.topic() + ", expected " + session.getString("responseTopic");
        }
        String expected = Integer.toString(session.getInt("i"));
        return expected.equals(frame.payloadText()) ? null
                : "response to request " + frame.payloadText() + ", expected " + expected;
    }

    /** Every request was acknowledged and answered; the responder's responses were acknowledged. */
    static List<Assertion> assertions(Load load) {
        return List.of(
                details(LABEL + ": request PUBACK").successfulRequests().count().is((long) load.total()),
                details(LABEL + ": round trip").successfulRequests().count().is((long) load.total()),
                details(LABEL + ": responder answered all").successfulRequests().count().is(1L));
    }

    public RequestResponseSimulation() {
        Load load = Load.fromProperties();
        setUp(populations(load, BrokerTarget.fromProperties()))
                .assertions(SuiteSettings.noFailuresAnd(assertions(load)))
                .maxDuration(SuiteSettings.maxDuration());
    }
}
