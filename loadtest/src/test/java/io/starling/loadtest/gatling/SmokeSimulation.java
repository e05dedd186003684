package io.starling.loadtest.gatling;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * All five scenarios at once with a handful of users each: a quick end-to-end check of a broker's
 * MQTT over WebSocket (run by {@code GatlingSmokeIT} in {@code mvn verify}), not a measurement.
 */
public class SmokeSimulation extends Simulation {

    public SmokeSimulation() {
        BrokerTarget target = BrokerTarget.fromProperties();
        // not shorter: see SuiteSettings.rampProperty
        Duration ramp = Duration.ofSeconds(1);
        var connectStorm = new ConnectStormSimulation.Load(10, ramp, Duration.ofMillis(200));
        var fanIn = new FanInSimulation.Load(4, 2, 5, ramp, Duration.ZERO);
        var fanOut = new FanOutSimulation.Load(4, 5, ramp, Duration.ZERO);
        var requestResponse = new RequestResponseSimulation.Load(3, 5, ramp);
        var retained = new RetainedSubscribeSimulation.Load(5, 3, ramp);

        List<PopulationBuilder> populations = new ArrayList<>();
        populations.add(ConnectStormSimulation.population(connectStorm, target));
        populations.addAll(FanInSimulation.populations(fanIn, target));
        populations.addAll(FanOutSimulation.populations(fanOut, target));
        populations.addAll(RequestResponseSimulation.populations(requestResponse, target));
        populations.addAll(RetainedSubscribeSimulation.populations(retained, target));

        List<Assertion> assertions = new ArrayList<>();
        assertions.addAll(ConnectStormSimulation.assertions(connectStorm));
        assertions.addAll(FanInSimulation.assertions(fanIn));
        assertions.addAll(FanOutSimulation.assertions(fanOut));
        assertions.addAll(RequestResponseSimulation.assertions(requestResponse));
        assertions.addAll(RetainedSubscribeSimulation.assertions(retained));

        setUp(populations)
                .assertions(SuiteSettings.noFailuresAnd(assertions))
                .maxDuration(Duration.ofSeconds(Long.getLong("maxSeconds", 60)));
    }
}
