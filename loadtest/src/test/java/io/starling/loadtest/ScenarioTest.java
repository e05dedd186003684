package io.starling.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScenarioTest {

    @Test
    void faninPublishersUseOwnTopicsUnderTheWildcardFilter() {
        assertEquals("lt/x/p0", Scenario.FANIN.publishTopic("lt/x", 0));
        assertNotEquals(Scenario.FANIN.publishTopic("lt/x", 0), Scenario.FANIN.publishTopic("lt/x", 1));
        assertEquals("lt/x/+", Scenario.FANIN.subscription("lt/x", 0, false));
    }

    @Test
    void fanoutSubscribersSubscribeToThePublishedTopic() {
        assertEquals(Scenario.FANOUT.publishTopic("lt/x", 0), Scenario.FANOUT.subscription("lt/x", 3, false));
    }

    @Test
    void sharedSubscriptionUsesTheShareGroupPrefix() {
        assertEquals("$share/starling-lt/lt/x/+", Scenario.FANIN.subscription("lt/x", 0, true));
    }

    @Test
    void eachPairHasATopicOfItsOwn() {
        assertEquals(Scenario.PAIRS.publishTopic("lt/x", 2), Scenario.PAIRS.subscription("lt/x", 2, false));
        assertNotEquals(Scenario.PAIRS.publishTopic("lt/x", 1), Scenario.PAIRS.subscription("lt/x", 2, false));
    }

    @Test
    void aPairsSubscriberHearsOnlyItsOwnPublisher() {
        assertTrue(Scenario.PAIRS.hears(3, 3));
        assertFalse(Scenario.PAIRS.hears(3, 2));
        assertTrue(Scenario.FANIN.hears(0, 5));
        assertTrue(Scenario.LATENCY.hears(0, 1));
    }

    @Test
    void latencyPublishesAtAFixedRateByDefault() {
        assertEquals(20_000, Scenario.LATENCY.defaultRate());
        assertEquals(0, Scenario.FANIN.defaultRate());
    }

    @Test
    void connectScenarioCarriesNoMessages() {
        assertFalse(Scenario.CONNECT.carriesMessages());
        assertTrue(Scenario.PAIRS.carriesMessages());
        assertThrows(UnsupportedOperationException.class, () -> Scenario.CONNECT.publishTopic("lt/x", 0));
    }

    @Test
    void scenarioNamesParseCaseInsensitively() {
        assertEquals(Scenario.FANOUT, Scenario.parse("FanOut"));
        assertEquals(Scenario.PAIRS, Scenario.parse("pairs"));
        assertEquals(Scenario.CONNECT, Scenario.parse("connect"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scenario.parse("fanabout"));
        assertTrue(e.getMessage().contains("latency"), e.getMessage());
    }
}
